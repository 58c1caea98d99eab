"""Who may open the drafting and review pages of written inputs (GET), by role."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sessions_app.models import KeyDate
from submissions import services
from tests.html import text
from tests.pdfs import pdf_document

ROLES = ["anonymous", "stakeholder", "focal_point_a", "focal_point_b", "staff"]
LOGIN = "/accounts/login/?next="


@pytest.fixture
def armenia_draft(meeting, focal_point_a):
    """Armenia's draft, with an attachment."""
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=3)
    )
    submission = services.submission_get_or_create(
        meeting=meeting, member_state=focal_point_a.focal_point.member_state
    )
    attachment = services.attachment_add(
        submission=submission,
        by=focal_point_a,
        upload=SimpleUploadedFile("plan.pdf", pdf_document()),
    )
    return submission, attachment


# (path template, {role: (status, what the page says or where it redirects)})
MATRIX = [
    (
        "/my/submission/",
        {
            "anonymous": (302, LOGIN + "/my/submission/"),
            "stakeholder": (403, "Only verified focal points write written inputs"),
            "focal_point_a": (200, "Written input of Armenia"),
            "focal_point_b": (200, "Written input of Portugal"),
            "staff": (403, "Only verified focal points write written inputs"),
        },
    ),
    (
        "/staff/submissions/",
        {
            "anonymous": (302, LOGIN + "/staff/submissions/"),
            "stakeholder": (403, "Access denied"),
            "focal_point_a": (403, "Access denied"),
            "focal_point_b": (403, "Access denied"),
            "staff": (200, "Written inputs: review"),
        },
    ),
    (
        "/staff/submissions/{submission}/",
        {
            "anonymous": (302, LOGIN + "/staff/submissions/{submission}/"),
            "stakeholder": (403, "Access denied"),
            "focal_point_a": (403, "Access denied"),
            "focal_point_b": (403, "Access denied"),
            "staff": (200, "Written input of Armenia"),
        },
    ),
    (
        "/staff/submissions/{submission}/revisions/1/",
        {
            "anonymous": (302, LOGIN + "/staff/submissions/{submission}/revisions/1/"),
            "stakeholder": (403, "Access denied"),
            "focal_point_a": (403, "Access denied"),
            "focal_point_b": (403, "Access denied"),
            "staff": (200, "Revision 1 of the input of Armenia"),
        },
    ),
    (
        "/attachments/{attachment}/",
        {
            "anonymous": (302, LOGIN + "/attachments/{attachment}/"),
            "stakeholder": (404, "Page not found"),
            "focal_point_a": (200, "%PDF-1.3"),
            "focal_point_b": (404, "Page not found"),
            "staff": (200, "%PDF-1.3"),
        },
    ),
]

CASES = [
    pytest.param(path, role, expected[role], id=f"{path} as {role}")
    for path, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize("path, role, expected", CASES)
def test_drafting_and_review_pages_by_role(
    client_of,
    armenia_draft,
    stakeholder,
    focal_point_a,
    focal_point_b,
    staff_user,
    path,
    role,
    expected,
):
    submission, attachment = armenia_draft
    users = {
        "anonymous": None,
        "stakeholder": stakeholder,
        "focal_point_a": focal_point_a,
        "focal_point_b": focal_point_b,
        "staff": staff_user,
    }
    url = path.format(submission=submission.pk, attachment=attachment.pk)
    response = client_of(users[role]).get(url)
    status, detail = expected
    detail = detail.format(submission=submission.pk, attachment=attachment.pk)
    if status == 302:
        seen = response["Location"]
    elif url.startswith("/attachments/"):
        seen = (
            b"".join(response.streaming_content)[:8].decode()
            if status == 200
            else text(response.content, "h1")
        )
    else:
        seen = text(response.content, "h1")
    assert (response.status_code, seen) == (status, detail)


@pytest.mark.parametrize(
    "path", ["/my/submission/submit/", "/my/submission/withdraw/", "/my/submission/reopen/"]
)
def test_only_focal_points_can_step_a_written_input(client_of, armenia_draft, stakeholder, path):
    response = client_of(stakeholder).post(path, {"version": 1})
    assert response.status_code == 403
    submission, _ = armenia_draft
    submission.refresh_from_db()
    assert submission.status == "draft"


@pytest.mark.parametrize("action", ["publish", "return", "withdraw"])
def test_focal_points_cannot_use_staff_steps(client_of, armenia_draft, focal_point_a, action):
    submission, _ = armenia_draft
    response = client_of(focal_point_a).post(
        f"/staff/submissions/{submission.pk}/{action}/", {"comment": "x"}
    )
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == "draft"


def test_a_focal_point_cannot_remove_another_states_attachment(
    client_of, armenia_draft, focal_point_b
):
    _, attachment = armenia_draft
    response = client_of(focal_point_b).post(f"/my/submission/attachments/{attachment.pk}/delete/")
    assert response.status_code == 404
    assert attachment.submission.attachments.count() == 1
