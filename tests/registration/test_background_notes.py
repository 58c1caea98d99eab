"""Background notes: staff attach a short text (sanitised) or a PDF to each thematic session;
it shows on the session's page and in /documents/."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sessions_app.models import Document
from tests.html import text, texts
from tests.registration.speakers import PDF, error_list, thematic

ADD = "/admin/sessions_app/document/add/"


def note_post(meeting, session, **overrides):
    data = {
        "meeting": meeting.pk,
        "kind": "background_note",
        "session": session.pk,
        "order": "10",
        "symbol": "",
        "title": "Background note for thematic session 2",
        "title_fr": "Note de cadrage de la session thématique 2",
        "title_ru": "",
        "url": "",
        "body": "",
        "body_fr": "",
        "body_ru": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_staff_write_a_background_note_whose_html_is_sanitised(
    client, client_of, meeting, staff_user
):
    session = thematic(meeting, 2)
    body = (
        '<p onclick="steal()">Labour mobility <strong>and</strong> decent work.</p>'
        '<script>alert(1)</script><ul><li><a href="javascript:evil()">x</a></li>'
        '<li><a href="https://www.iom.int/">IOM</a></li></ul>'
    )
    response = client_of(staff_user).post(ADD, note_post(meeting, session, body=body))
    assert response.status_code == 302
    note = Document.objects.get(kind="background_note")
    assert note.body == (
        "<p>Labour mobility <strong>and</strong> decent work.</p><ul><li><a "
        'rel="noopener noreferrer nofollow">x</a></li><li><a href="https://www.iom.int/" '
        'rel="noopener noreferrer nofollow">IOM</a></li></ul>'
    )

    client.logout()
    page = client.get("/programme/session-2/").content
    assert "Background note" in texts(page, "h2")
    assert "<script>" not in page.decode()
    assert "Labour mobility and decent work." in texts(page, "p")
    documents = client.get("/documents/").content
    assert "Background note" in texts(documents, "h2")
    link = re.search(
        r'<a href="([^"]+)">Background note for thematic session 2</a>', documents.decode()
    )
    assert link.group(1) == "/programme/session-2/#background-note"
    # In French, the French title.
    assert (
        "Note de cadrage de la session thématique 2"
        in client.get("/fr/documents/").content.decode()
    )


def test_staff_attach_a_pdf_background_note_and_anyone_downloads_it(
    client, client_of, meeting, staff_user
):
    session = thematic(meeting, 3)
    response = client_of(staff_user).post(
        ADD,
        note_post(meeting, session, title="Note 3", file=SimpleUploadedFile("note.pdf", PDF)),
    )
    assert response.status_code == 302
    note = Document.objects.get(kind="background_note")
    client.logout()
    page = client.get("/programme/session-3/").content.decode()
    assert f'href="/documents/{note.pk}/file/"' in page
    download = client.get(f"/documents/{note.pk}/file/")
    assert (download.status_code, download["Content-Type"]) == (200, "application/pdf")
    assert b"".join(download.streaming_content) == PDF
    assert client.get(f"/documents/{note.pk + 1000}/file/").status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("note.pdf", b"PK\x03\x04 not a pdf"), "PDF"),
        (SimpleUploadedFile("note.pdf", PDF + b"0" * (10 * 1024 * 1024)), "too large"),
    ],
    ids=["not-a-pdf", "over-10-MB"],
)
def test_a_background_note_file_must_be_a_pdf_of_at_most_10_mb(
    client_of, meeting, staff_user, upload, message
):
    response = client_of(staff_user).post(
        ADD, note_post(meeting, thematic(meeting, 1), title="Note 1", file=upload)
    )
    assert response.status_code == 200
    errors = error_list(response)
    assert len(errors) == 1 and message in errors[0]
    assert Document.objects.filter(kind="background_note").count() == 0


def test_a_background_note_belongs_to_a_thematic_session_and_says_something(
    client_of, meeting, staff_user
):
    client = client_of(staff_user)
    opening = meeting.sessions.get(kind="opening")
    response = client.post(ADD, note_post(meeting, opening, body="<p>Text</p>"))
    assert error_list(response) == ["A background note belongs to one of the thematic sessions."]
    response = client.post(ADD, note_post(meeting, thematic(meeting, 1), body="<script></script>"))
    assert error_list(response) == ["Give the document a link, a PDF file or a text."]
    assert Document.objects.filter(kind="background_note").count() == 0


def test_the_session_page_lists_other_documents_apart_from_the_background_note(client, meeting):
    session = thematic(meeting, 4)
    meeting.documents.create(
        kind="background_note", session=session, title="Note 4", body="<p>Climate.</p>"
    )
    meeting.documents.create(
        kind="meeting", session=session, title="Speakers' list", url="https://example.org/list"
    )
    page = client.get("/programme/session-4/").content
    assert texts(page, "h2") == ["GCM objectives discussed", "Background note", "Documents"]
    assert text(page.decode().split('id="documents-heading"')[1], "li") == "Speakers' list"
