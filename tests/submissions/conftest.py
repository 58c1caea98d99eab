"""Written inputs made the way focal points and staff make them: through the services.

``make_input("ARM", answers={"c": "..."}, ...)`` drafts Armenia's input as a verified focal
point of Armenia, saves it (sanitised, objectives, cooperation areas, search vectors), and
takes it as far as the ``status`` asked: draft, submitted, published or withdrawn.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registration.models import FocalPoint, MemberState, User
from sessions_app.models import GCMObjective, KeyDate
from submissions import services
from submissions.models import Submission
from tests.conftest import make_user
from tests.pdfs import pdf_document

PDF_BYTES = pdf_document()


def deadline_open(meeting):
    """Written inputs are due in a week, so drafts can be saved and submitted."""
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=7)
    )
    return meeting


@pytest.fixture
def inputs_open(meeting):
    return deadline_open(meeting)


def writer_of(iso3: str) -> User:
    """A verified focal point of the state, made for writing test inputs."""
    email = f"writer.{iso3.lower()}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        state = MemberState.objects.get(iso_alpha3=iso3)
        user = make_user(email, full_name=f"Writer {iso3}", delegation=state)
        FocalPoint.objects.create(user=user, member_state=state, status=FocalPoint.Status.VERIFIED)
    return user


def objectives(*numbers: int) -> list[GCMObjective]:
    return list(GCMObjective.objects.filter(number__in=numbers).order_by("number"))


def input_make(
    meeting,
    iso3: str,
    *,
    staff: User,
    answers: dict[str, str] | None = None,
    language: str = "en",
    answer_objectives: dict[str, list[int]] | None = None,
    cooperation: dict[str, list[int]] | None = None,
    attachment: str | None = None,
    status: str = Submission.Status.PUBLISHED,
) -> Submission:
    """A written input of the state, every question answered (``answers`` overrides some),
    taken through the workflow to ``status``."""
    writer = writer_of(iso3)
    state = MemberState.objects.get(iso_alpha3=iso3)
    submission = services.submission_get_or_create(meeting=meeting, member_state=state)
    texts = {letter: f"<p>{state.name} answers question {letter}.</p>" for letter in "abcde"}
    texts.update(answers or {})
    submission = services.submission_save(
        submission=submission,
        by=writer,
        version=submission.version,
        language=language,
        answers={
            letter: {
                "text": text,
                "objectives": objectives(*(answer_objectives or {}).get(letter, [])),
            }
            for letter, text in texts.items()
        },
        cooperation={area: objectives(*numbers) for area, numbers in (cooperation or {}).items()},
    )
    if attachment:
        services.attachment_add(
            submission=submission,
            by=writer,
            upload=SimpleUploadedFile(attachment, PDF_BYTES, content_type="application/pdf"),
        )
        submission.refresh_from_db()
    if status == Submission.Status.DRAFT:
        return submission
    submission = services.submission_submit(
        submission=submission, by=writer, version=submission.version
    )
    if status == Submission.Status.SUBMITTED:
        return submission
    submission = services.submission_publish(submission=submission, by=staff)
    if status == Submission.Status.WITHDRAWN:
        submission = services.submission_withdraw(submission=submission, by=staff)
    return submission


@pytest.fixture
def make_input(inputs_open, staff_user):
    """``make_input(iso3, **options)``: see ``input_make``."""

    def make(iso3: str, **options) -> Submission:
        return input_make(inputs_open, iso3, staff=staff_user, **options)

    return make


class _Table(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(content: bytes | str) -> list[list[str]]:
    """Every table row of the page as the list of its cells' texts (th and td)."""
    parser = _Table()
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    return parser.rows
