"""The PDF of a written input: the whole input, Cyrillic text, inert answers, and a renderer
that fetches nothing but the portal's own static files."""

import io
import logging
from pathlib import Path

import pypdf
import pytest
from django.conf import settings

from gcm_review.pdf import StaticFilesOnlyFetcher, html_to_pdf
from tests.submissions.conftest import PDF_BYTES

BASE = "http://testserver/"


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def link_actions(content: bytes) -> list[dict]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    actions = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                actions.append(dict(action.get_object()))
    return actions


def font_names(content: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_the_pdf_holds_the_whole_input(client, make_input, meeting):
    armenia = make_input(
        "ARM",
        answers={"c": "<p>We shared <strong>good practices</strong> on returns.</p>"},
        answer_objectives={"c": [5]},
        cooperation={"finance": [23]},
        attachment="Plan.pdf",
    )

    response = client.get(f"/submissions/{armenia.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="gcm-written-input-arm.pdf"')
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Written input of Armenia" in text
    assert f"http://testserver/submissions/{armenia.pk}/" in text
    question_c = " ".join(meeting.guiding_questions.get(letter="c").text.split())
    assert f"(c) {question_c}" in text
    assert "We shared good practices on returns." in text
    assert "5 Enhance availability and flexibility of pathways for regular migration" in text
    assert "Finance 23 Strengthen international cooperation" in text
    assert f"Plan.pdf (PDF, {len(PDF_BYTES)} bytes)" in text
    assert "Not published" not in text
    attachment = armenia.attachments.get()
    assert {"/S": "/URI", "/Type": "/Action", "/URI": f"{BASE}attachments/{attachment.pk}/"} in (
        link_actions(response.content)
    )


def test_the_pdf_renders_cyrillic(client, make_input, meeting):
    kazakhstan = make_input(
        "KAZ",
        language="ru",
        answers={"c": "<p>Мы укрепляем сотрудничество с диаспорой.</p><ul><li>Приоритет</li></ul>"},
    )

    response = client.get(f"/ru/submissions/{kazakhstan.pk}/pdf/")

    text = pdf_text(response.content)
    assert "Мы укрепляем сотрудничество с диаспорой." in text
    assert "Приоритет" in text
    assert "Казахстан" in text
    question_a = " ".join(meeting.guiding_questions.get(letter="a").text_ru.split())
    assert f"(a) {question_a}" in text
    assert font_names(response.content) == {"DejaVu-Sans", "DejaVu-Sans-Bold"}


def test_a_draft_pdf_says_it_is_not_published(client_of, make_input, focal_point_a):
    draft = make_input("ARM", status="draft")
    response = client_of(focal_point_a).get(f"/submissions/{draft.pk}/pdf/")
    assert "Not published: this written input is draft." in pdf_text(response.content)


def test_hostile_answers_are_inert_in_the_pdf(client, make_input):
    hostile = make_input(
        "ARM",
        answers={
            "a": "<p>Plan<script>alert('a')</script></p>",
            "b": '<p><img src="http://127.0.0.1:9/x.png" onerror="alert(1)">Partners</p>',
            "c": '<p><a href="javascript:alert(3)">Click</a> <a href="https://example.org">ok</a></p>',
            "d": "<svg onload=\"alert('d')\"><image href='file:///etc/passwd'/></svg><p>Data</p>",
            "e": '<p><a href="data:text/html;base64,PHNjcmlwdD4=">data link</a></p>',
        },
    )

    response = client.get(f"/submissions/{hostile.pk}/pdf/")

    text = pdf_text(response.content)
    for needle in ("alert", "<script", "onerror", "javascript", "passwd"):
        assert needle not in text
    for word in ("Plan", "Partners", "Click", "Data", "data link"):
        assert word in text
    uris = [action.get("/URI") for action in link_actions(response.content)]
    assert uris == ["https://example.org"]
    assert all(action["/S"] == "/URI" for action in link_actions(response.content))
    assert b"/JavaScript" not in response.content
    assert b"/JS " not in response.content


def test_a_published_pdf_is_rendered_once_per_language(client, make_input):
    armenia = make_input("ARM")
    first = client.get(f"/submissions/{armenia.pk}/pdf/").content
    assert client.get(f"/submissions/{armenia.pk}/pdf/").content == first
    assert client.get(f"/fr/submissions/{armenia.pk}/pdf/").content != first


# The fetcher --------------------------------------------------------------------------------


def test_the_fetcher_serves_our_static_files():
    fetcher = StaticFilesOnlyFetcher(BASE)
    response = fetcher.fetch(f"{BASE}static/css/portal.css")
    assert response.read() == (Path(settings.BASE_DIR) / "static/css/portal.css").read_bytes()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/static/css/portal.css",
        "http://127.0.0.1:9/static/css/portal.css",
        "https://testserver/static/css/portal.css",
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/static/css/portal.css",
        "data:text/css,body{}",
        f"{BASE}media/nominations/letter.pdf",
        f"{BASE}static/../gcm_review/settings.py",
        f"{BASE}static/css/../../gcm_review/settings.py",
        f"{BASE}static/%2e%2e/gcm_review/settings.py",
        f"{BASE}static//etc/passwd",
        f"{BASE}static/css/",
        f"{BASE}static/css/missing.css",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError, match="Only the portal's static files may be fetched"):
        StaticFilesOnlyFetcher(BASE).fetch(url)


def test_html_to_pdf_uses_static_files_and_skips_the_rest(caplog):
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/portal.css"></head><body>'
        '<p>Текст</p><img src="http://127.0.0.1:9/tracker.png"><img src="file:///etc/passwd">'
        "</body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(html, BASE)

    assert pdf_text(pdf) == "Текст"
    refused = [
        r.getMessage() for r in caplog.records if "static files may be fetched" in r.getMessage()
    ]
    assert len(refused) == 2
    assert not any("portal.css" in message for message in refused)
