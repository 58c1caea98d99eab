"""PDFs never fetch anything but the portal's own static files: every payload of
payloads/pdf_fetch.txt (images, stylesheets, @import, url() in CSS, objects, frames,
attachments, SVG, base, addresses of the loopback, of the cloud metadata service and of local
files), put into every text that reaches a PDF, makes no request and reads no file.

What reaches a PDF: the answers of a written input (its PDF), and the summary report (section
titles and texts, quotes, session records, the compendium of answers). Background notes, the
Logistics Note and consultation agendas are shown on pages only, never rendered as PDF.

Three witnesses: a server on the loopback that records every request (it must receive none);
canary files whose contents must not show in the PDF; and WeasyPrint's own log, where every
URL the fetcher refuses is named. Through the portal, sanitising removes the markup before
WeasyPrint sees it, so the fetcher is not even asked; fed the payloads raw, the renderer asks
and the fetcher refuses each one.
"""

import http.server
import logging
import re
import threading

import pytest
from django.conf import settings
from django.test import Client

from gcm_review.pdf import html_to_pdf
from registration.models import MemberState
from reports import services as report_services
from reports.models import ReportVersion, Section
from tests.hostile._payload_lines import payloads
from tests.hostile._pdf_helpers import pdf_parts, pdf_problems, pdf_text
from tests.registration.speakers import thematic
from tests.submissions.conftest import deadline_open, input_make

CASES = payloads("pdf_fetch.txt")
CANARY = "CANARY-7c1e0a"
PASSWD = "root:x:0:0"
REFUSED = re.compile(r"Only the portal's static files may be fetched, not '([^']*)'")
ONE_PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request (a stylesheet that would print the canary, or an image) and
    records it."""

    def do_GET(self):
        self.server.requests.append(f"{self.command} {self.path}")
        if self.path.endswith(".css"):
            body, kind = f'body::before{{content:"{CANARY}-http"}}'.encode(), "text/css"
        else:
            body, kind = ONE_PIXEL_PNG, "image/png"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def trap():
    """A server on the loopback that records the requests it receives."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def canaries(tmp_path):
    """A directory of files whose contents must never reach a PDF."""
    folder = tmp_path / "canaries"
    folder.mkdir()
    (folder / "canary.txt").write_text(f"{CANARY}-text")
    (folder / "canary.css").write_text(f'body::before{{content:"{CANARY}-css"}}')
    (folder / "canary.png").write_bytes(ONE_PIXEL_PNG)
    return folder


@pytest.fixture
def hostile(trap, canaries):
    """The payloads with their placeholders filled in, in file order."""
    port = trap.server_address[1]
    values = {"{HTTP}": f"http://127.0.0.1:{port}", "{PORT}": str(port)}
    values["{FILE}"] = canaries.as_uri()
    filled = []
    for case in CASES:
        text = case.payload
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        filled.append(text)
    return filled


def leaks(pdf: bytes) -> dict:
    """What of the outside world a PDF holds: canary or /etc/passwd text, images,
    attachments, and anything active (JavaScript, launch, embedded files ...). Links are not
    fetched: the XSS tests check which ones the portal writes."""
    text = pdf_text(pdf)
    parts = pdf_parts(pdf)
    return {
        "canary": CANARY in text,
        "passwd": PASSWD in text,
        "images": parts["images"],
        "attachments": parts["attachments"],
        "active": [p for p in pdf_problems(pdf) if not p.startswith("link to")],
    }


NOTHING = {"canary": False, "passwd": False, "images": 0, "attachments": 0, "active": []}


def refused_urls(caplog) -> list[str]:
    """The URLs WeasyPrint asked the fetcher for and the fetcher refused."""
    return [m.group(1) for r in caplog.records for m in REFUSED.finditer(r.getMessage())]


# Through the portal: sanitised before WeasyPrint sees it --------------------------------------


def test_answers_in_a_written_input_pdf_fetch_nothing(
    client, meeting, staff_user, trap, hostile, caplog
):
    answers = dict.fromkeys("abcde", "")
    for number, payload in enumerate(hostile):
        answers["abcde"[number % 5]] += f"<p>Payload {number}.</p>{payload}"
    submission = input_make(deadline_open(meeting), "ARM", staff=staff_user, answers=answers)

    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        response = client.get(f"/submissions/{submission.pk}/pdf/")

    assert response["Content-Type"] == "application/pdf"
    assert trap.requests == []
    assert refused_urls(caplog) == []
    assert leaks(response.content) == NOTHING
    assert pdf_problems(response.content) == []
    text = "".join(pdf_text(response.content).split())
    assert [n for n in range(len(hostile)) if f"Payload{n}." not in text] == []


def test_report_texts_fetch_nothing_when_the_report_is_compiled(
    meeting, staff_user, trap, hostile, caplog, django_capture_on_commit_callbacks
):
    staff = Client()
    staff.force_login(staff_user)
    staff.get("/staff/report/")
    arm = str(MemberState.objects.get(iso_alpha3="ARM").pk)
    session = thematic(meeting, 2)
    for number, payload in enumerate(hostile):
        added = staff.post("/staff/report/sections/add/", {"title": payload[:200]})
        section = Section.objects.get(pk=int(added["Location"].rstrip("/").rsplit("/", 1)[1]))
        staff.post(
            f"/staff/report/sections/{section.pk}/",
            {"title": payload[:200], "body": f"<p>Section {number}.</p>{payload}"},
        )
        staff.post(
            f"/staff/report/sections/{section.pk}/quotes/",
            {"text": payload, "source": payload[:300], "source_url": f"{trap_url(trap)}/q"},
        )
        staff.post(
            f"/staff/session-records/{session.slug}/",
            {
                "kind": "good_practice",
                "text": payload,
                "objectives": [str(session.objectives.first().pk)],
                "raised_by_state": arm,
            },
        )
    answers = dict.fromkeys("abcde", "")
    for number, payload in enumerate(hostile):
        answers["abcde"[number % 5]] += f"<p>Answer {number}.</p>{payload}"
    with django_capture_on_commit_callbacks(execute=True):
        input_make(deadline_open(meeting), "PRT", staff=staff_user, answers=answers)

    with (
        caplog.at_level(logging.DEBUG, logger="weasyprint"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        staff.post("/staff/report/compile/", {"compendium": "on"})

    version = ReportVersion.objects.get()
    with version.pdf.open("rb") as handle:
        pdf = handle.read()
    assert trap.requests == []
    assert refused_urls(caplog) == []
    assert leaks(pdf) == NOTHING
    assert pdf_problems(pdf) == []
    # The quotes link to the trap: links are written into the PDF, never followed.
    assert set(pdf_parts(pdf)["uris"]) - {f"{trap_url(trap)}/q"} == {
        f"{settings.SITE_URL}/submissions/{pk}/"
        for pk in version.report.meeting.submissions.values_list("pk", flat=True)
    }
    text = "".join(pdf_text(pdf).split())
    missing = [n for n in range(len(hostile)) if f"Section{n}." not in text]
    missing += [n for n in range(len(hostile)) if f"Answer{n}." not in text]
    assert missing == []


def trap_url(trap) -> str:
    return f"http://127.0.0.1:{trap.server_address[1]}"


# Straight into the renderer: the fetcher refuses ------------------------------------------------


def raw_document(payloads_html: list[str]) -> str:
    return (
        '<html><head><link rel="stylesheet" href="/static/css/portal.css"></head><body>'
        "<p>Marker of the document.</p>" + "".join(payloads_html) + "</body></html>"
    )


def test_the_renderer_of_written_inputs_refuses_every_fetch_but_static_files(trap, hostile, caplog):
    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        pdf = html_to_pdf(raw_document(hostile), "http://testserver/")

    assert trap.requests == []
    assert leaks(pdf) == NOTHING
    asked = refused_urls(caplog)
    assert asked != []
    assert [url for url in asked if url.startswith("http://testserver/static/css/")] == []
    assert "Marker of the document." in pdf_text(pdf)


def test_the_renderer_of_the_report_refuses_every_fetch_but_static_files(trap, hostile, caplog):
    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        pdf, pages = report_services.report_pdf(raw_document(hostile))

    assert trap.requests == []
    assert leaks(pdf) == NOTHING
    assert refused_urls(caplog) != []
    assert pages >= 1


def test_the_witnesses_see_what_a_renderer_without_our_fetcher_would_fetch(trap, canaries):
    """The loopback server and the canaries do notice a fetch: WeasyPrint's own fetcher
    (which the portal never uses) reads both."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    port = trap.server_address[1]
    html = raw_document(
        [
            f'<img src="http://127.0.0.1:{port}/control.png">',
            f'<link rel="stylesheet" href="{canaries.as_uri()}/canary.css">',
        ]
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(timeout=5)).write_pdf()

    assert trap.requests == ["GET /control.png"]
    assert leaks(pdf)["canary"] is True
