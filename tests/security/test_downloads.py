"""Every download answers ``Cache-Control: private, no-store`` (one rule,
gcm_review.middleware.PrivateDownloadsMiddleware): uploaded files, exports, open data,
personal data and calendars; pages and static files keep their own caching."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registration.accounts import services as accounts_services
from registration.models import MemberState
from sessions_app.models import KeyDate
from submissions import services as submission_services
from tests.pdfs import PDF
from tests.registration.test_exports import admin_export

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def answer(response) -> tuple[int, str]:
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code, response.get("Cache-Control", "")


def test_a_nomination_letter_is_never_kept_by_a_cache(client_of, stakeholder):
    claim = accounts_services.focal_point_apply(
        user=stakeholder,
        member_state=MemberState.objects.get(iso_alpha3="ARM"),
        letter=SimpleUploadedFile("n.pdf", PDF),
    )
    response = client_of(stakeholder).get(f"/nomination-letters/{claim.pk}/")
    assert answer(response) == (200, PRIVATE)


def test_a_written_input_attachment_is_never_kept_by_a_cache(client_of, meeting, focal_point_a):
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=3)
    )
    submission = submission_services.submission_get_or_create(
        meeting=meeting, member_state=focal_point_a.focal_point.member_state
    )
    attachment = submission_services.attachment_add(
        submission=submission, by=focal_point_a, upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    response = client_of(focal_point_a).get(f"/attachments/{attachment.pk}/")
    assert answer(response) == (200, PRIVATE)


def test_a_background_note_is_never_kept_by_a_cache(client, meeting):
    document = meeting.documents.first()
    document.file.save("note.pdf", SimpleUploadedFile("note.pdf", PDF))
    assert answer(client.get(f"/documents/{document.pk}/file/")) == (200, PRIVATE)


def test_personal_data_is_never_kept_by_a_cache(client_of, stakeholder):
    assert answer(client_of(stakeholder).get("/my/data.json")) == (200, PRIVATE)


@pytest.mark.parametrize(
    "path", ["/staff/inputs.csv", "/submissions.csv", "/submissions.json", "/programme.ics"]
)
def test_exports_open_data_and_calendars_are_never_kept_by_a_cache(
    client_of, meeting, staff_user, path
):
    assert answer(client_of(staff_user).get(path)) == (200, PRIVATE)


@pytest.mark.parametrize("format_title", ["csv", "xlsx"])
@pytest.mark.parametrize("model", ["user", "registration"])
def test_admin_exports_are_never_kept_by_a_cache(client_of, data_manager, model, format_title):
    path = f"/admin/registration/{model}/export/"
    response = admin_export(client_of(data_manager), path, format_title)
    assert answer(response) == (200, PRIVATE)


def test_pages_and_static_files_keep_their_own_caching(client, meeting):
    page = client.get("/")
    stylesheet = client.get("/static/css/portal.css")
    assert (page.status_code, "no-store" in page.get("Cache-Control", "")) == (200, False)
    assert (answer(stylesheet)[0], "no-store" in stylesheet.get("Cache-Control", "")) == (
        200,
        False,
    )
