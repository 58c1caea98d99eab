"""Who may open what: every URL of registration/urls.py (and the admin's personal-data
exports and import), for every role, with the exact answer each role gets.

The world each case runs in:

- the stakeholder has a *pending* registration;
- the focal point of state A (Armenia) has an *approved* registration and uploaded the
  nomination letter that staff then verified;
- the focal point of state B (Portugal) and staff have no registration;
- the data manager is the staff member who also belongs to "Network data managers";
- every call for expressions of interest is open; the stakeholder applied as moderator of
  thematic session 2 with a CV (``{expression}``), and Armenia, through focal point A, offered
  a keynote speaker for the same session (``{state_expression}``). ``{call}`` is the
  Rapporteur's call.
"""

import dataclasses
import json
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registration import services as registration_services
from registration.accounts import services as accounts_services
from registration.models import FocalPoint, MemberState, Registration
from tests.html import text
from tests.pdfs import pdf_document
from tests.registration.speakers import apply, calls_open, offer, thematic

PDF = pdf_document()

ANONYMOUS = "anonymous"
STAKEHOLDER = "stakeholder"
FOCAL_A = "focal point of state A"
FOCAL_B = "focal point of state B"
STAFF = "staff"
DATA_MANAGER = "data manager"
ROLES = (ANONYMOUS, STAKEHOLDER, FOCAL_A, FOCAL_B, STAFF)
SIGNED_IN = (STAKEHOLDER, FOCAL_A, FOCAL_B, STAFF)
NOT_STAFF = (STAKEHOLDER, FOCAL_A, FOCAL_B)


@dataclass(frozen=True)
class Answer:
    """What a role gets: the status and the one thing that shows it was the right page.

    ``kind`` says how to read that thing from the response: the ``Location`` of a redirect,
    the page's ``h1``, the bytes of a download, or the account email of a ``my-data``
    export. Text details may name ``{letter}`` (the pk of focal point A's record) and
    ``{email}`` (the signed-in person's address).
    """

    status: int
    kind: str
    detail: str | bytes


def page(h1):
    return Answer(200, "h1", h1)


def redirect(location):
    return Answer(302, "location", location)


def sign_in_first(path):
    return redirect(f"/accounts/login/?next={path}")


def admin_sign_in_first(path):
    return redirect(f"/admin/login/?next={path}")


DENIED = Answer(403, "h1", "Access denied")
NOT_FOUND = Answer(404, "h1", "Page not found")
LETTER = Answer(200, "download", PDF)
OWN_DATA = Answer(200, "my-data", "{email}")


def signed_in_page(path, h1):
    return {ANONYMOUS: sign_in_first(path), **dict.fromkeys(SIGNED_IN, page(h1))}


def staff_only(path, answer):
    return {
        ANONYMOUS: sign_in_first(path),
        **dict.fromkeys(NOT_STAFF, DENIED),
        STAFF: answer,
    }


def data_managers_only(path, h1):
    return {
        ANONYMOUS: admin_sign_in_first(path),
        **dict.fromkeys(NOT_STAFF, admin_sign_in_first(path)),
        STAFF: DENIED,
        DATA_MANAGER: page(h1),
    }


LETTER_PATH = "/nomination-letters/{letter}/"
DECIDE_PATH = "/staff/focal-points/{letter}/decide/"
EDIT_PATH = "/apply/{expression}/edit/"
STATE_EDIT_PATH = "/apply/{state_expression}/edit/"
WITHDRAW_PATH = "/apply/{expression}/withdraw/"
STATE_WITHDRAW_PATH = "/apply/{state_expression}/withdraw/"
CV_PATH = "/apply/{expression}/cv/"
STATE_CV_PATH = "/apply/{state_expression}/cv/"
ANSWER_PATH = "/my/applications/{expression}/answer/"
STATE_ANSWER_PATH = "/my/applications/{state_expression}/answer/"
SELECT_PATH = "/staff/selection/{expression}/"
NOTE_PATH = "/staff/selection/{expression}/note/"
NOTIFY_PATH = "/staff/selection/calls/{call}/notify/"
CV = Answer(200, "download", PDF)


def owner_only(path, owner, answer):
    """Only ``owner`` gets ``answer``; everyone else signed in gets 404, as for a missing id."""
    return {
        ANONYMOUS: sign_in_first(path),
        **dict.fromkeys(SIGNED_IN, NOT_FOUND),
        owner: answer,
    }


# (method, path, POST data, {role: answer}); {letter} is the pk of focal point A's record.
MATRIX = [
    ("GET", "/my/", None, signed_in_page("/my/", "My page")),
    ("GET", "/my/profile/", None, signed_in_page("/my/profile/", "My profile")),
    (
        "GET",
        "/my/focal-point/",
        None,
        signed_in_page("/my/focal-point/", "Become a Member State focal point"),
    ),
    (
        "GET",
        "/my/logistics/",
        None,
        {
            ANONYMOUS: sign_in_first("/my/logistics/"),
            STAKEHOLDER: DENIED,
            FOCAL_A: page("Logistics Note"),
            FOCAL_B: DENIED,
            STAFF: page("Logistics Note"),
        },
    ),
    ("GET", "/my/data/", None, signed_in_page("/my/data/", "My personal data")),
    (
        "GET",
        "/my/data.json",
        None,
        {ANONYMOUS: sign_in_first("/my/data.json"), **dict.fromkeys(SIGNED_IN, OWN_DATA)},
    ),
    (
        "POST",
        "/my/data/delete/",
        {"confirm": "DELETE"},
        {
            ANONYMOUS: sign_in_first("/my/data/delete/"),
            # The password first (tests/security/test_reauthentication.py deletes after it).
            **dict.fromkeys(
                SIGNED_IN, redirect("/accounts/reauthenticate/?next=%2Fmy%2Fdata%2Fdelete%2F")
            ),
        },
    ),
    (
        "GET",
        "/register/",
        None,
        {
            ANONYMOUS: sign_in_first("/register/"),
            STAKEHOLDER: page("Change my registration"),
            FOCAL_A: page("Register for the meeting"),
            FOCAL_B: page("Register for the meeting"),
            STAFF: page("Register for the meeting"),
        },
    ),
    (
        "POST",
        "/register/withdraw/",
        {},
        {
            ANONYMOUS: sign_in_first("/register/withdraw/"),
            STAKEHOLDER: redirect("/my/"),
            FOCAL_A: redirect("/my/"),
            FOCAL_B: NOT_FOUND,
            STAFF: NOT_FOUND,
        },
    ),
    ("GET", "/participants/", None, dict.fromkeys(ROLES, page("Participants"))),
    (
        "GET",
        LETTER_PATH,
        None,
        {
            ANONYMOUS: sign_in_first(LETTER_PATH),
            STAKEHOLDER: NOT_FOUND,
            FOCAL_A: LETTER,
            FOCAL_B: NOT_FOUND,
            STAFF: LETTER,
        },
    ),
    ("GET", "/staff/", None, staff_only("/staff/", page("Network staff"))),
    (
        "GET",
        "/staff/registrations/",
        None,
        staff_only("/staff/registrations/", page("Accreditation")),
    ),
    (
        "GET",
        "/staff/focal-points/",
        None,
        staff_only("/staff/focal-points/", page("Member State focal points")),
    ),
    (
        "POST",
        DECIDE_PATH,
        {"decision": "verify"},
        staff_only(DECIDE_PATH, redirect("/staff/focal-points/")),
    ),
    ("GET", "/apply/", None, signed_in_page("/apply/", "Expressions of interest")),
    (
        "GET",
        "/apply/co-chair/",
        None,
        {
            ANONYMOUS: sign_in_first("/apply/co-chair/"),
            STAKEHOLDER: DENIED,
            FOCAL_A: page("Co-Chair of the Intergovernmental Conference"),
            FOCAL_B: page("Co-Chair of the Intergovernmental Conference"),
            STAFF: DENIED,
        },
    ),
    (
        "GET",
        "/apply/keynote/",
        None,
        {
            ANONYMOUS: sign_in_first("/apply/keynote/"),
            STAKEHOLDER: DENIED,
            FOCAL_A: redirect(STATE_EDIT_PATH),
            FOCAL_B: page("Keynote speaker for a thematic session"),
            STAFF: DENIED,
        },
    ),
    (
        "GET",
        "/apply/moderator/",
        None,
        {
            ANONYMOUS: sign_in_first("/apply/moderator/"),
            STAKEHOLDER: redirect(EDIT_PATH),
            FOCAL_A: DENIED,
            FOCAL_B: DENIED,
            STAFF: page("Moderator of a thematic session"),
        },
    ),
    (
        "GET",
        "/apply/rapporteur/",
        None,
        {
            ANONYMOUS: sign_in_first("/apply/rapporteur/"),
            STAKEHOLDER: page("Rapporteur"),
            FOCAL_A: DENIED,
            FOCAL_B: DENIED,
            STAFF: page("Rapporteur"),
        },
    ),
    (
        "GET",
        EDIT_PATH,
        None,
        owner_only(EDIT_PATH, STAKEHOLDER, page("Change an expression of interest")),
    ),
    (
        "GET",
        STATE_EDIT_PATH,
        None,
        owner_only(STATE_EDIT_PATH, FOCAL_A, page("Change an expression of interest")),
    ),
    ("POST", WITHDRAW_PATH, {}, owner_only(WITHDRAW_PATH, STAKEHOLDER, redirect("/apply/"))),
    (
        "POST",
        STATE_WITHDRAW_PATH,
        {},
        owner_only(STATE_WITHDRAW_PATH, FOCAL_A, redirect("/apply/")),
    ),
    ("GET", CV_PATH, None, {**owner_only(CV_PATH, STAKEHOLDER, CV), STAFF: CV}),
    (
        "GET",
        STATE_CV_PATH,
        None,
        {**owner_only(STATE_CV_PATH, FOCAL_A, NOT_FOUND), STAFF: NOT_FOUND},
    ),
    (
        "POST",
        ANSWER_PATH,
        {"answer": "confirm"},
        owner_only(ANSWER_PATH, STAKEHOLDER, redirect("/my/")),
    ),
    (
        "POST",
        STATE_ANSWER_PATH,
        {"answer": "decline"},
        owner_only(STATE_ANSWER_PATH, FOCAL_A, redirect("/my/")),
    ),
    ("GET", "/staff/audit/", None, staff_only("/staff/audit/", page("Audit log"))),
    (
        "GET",
        "/staff/selection/",
        None,
        staff_only("/staff/selection/", page("Selection of speakers")),
    ),
    (
        "POST",
        SELECT_PATH,
        {"action": "select"},
        staff_only(SELECT_PATH, redirect("/staff/selection/#slot-moderator-2")),
    ),
    (
        "POST",
        NOTE_PATH,
        {"note": "Seen at the 2020 review."},
        staff_only(NOTE_PATH, redirect("/staff/selection/#slot-moderator-2")),
    ),
    (
        "POST",
        NOTIFY_PATH,
        {},
        staff_only(NOTIFY_PATH, redirect("/staff/selection/#slot-rapporteur")),
    ),
    (
        "GET",
        "/admin/registration/expressionofinterest/export/",
        None,
        data_managers_only("/admin/registration/expressionofinterest/export/", "Export"),
    ),
    (
        "GET",
        "/admin/registration/registration/export/",
        None,
        data_managers_only("/admin/registration/registration/export/", "Export"),
    ),
    (
        "GET",
        "/admin/registration/user/export/",
        None,
        data_managers_only("/admin/registration/user/export/", "Export"),
    ),
    (
        "GET",
        "/admin/registration/focalpoint/import/",
        None,
        data_managers_only("/admin/registration/focalpoint/import/", "Import"),
    ),
    (
        "GET",
        "/admin/gcm_review/outgoingemail/",
        None,
        data_managers_only("/admin/gcm_review/outgoingemail/", "Select outgoing email to view"),
    ),
]

CASES = [
    pytest.param(method, path, data, role, answer, id=f"{method} {path} as {role}")
    for method, path, data, answers in MATRIX
    for role, answer in answers.items()
]


ROLE_SLUGS = ("co-chair", "keynote", "moderator", "rapporteur")


def route_of(path: str) -> str:
    """A path with its parameters blanked: ``/apply/{}/edit/`` for ``/apply/<int:pk>/edit/``,
    ``/apply/{expression}/edit/`` or, for the calls, ``/apply/keynote/``."""
    path = re.sub(r"<(?:\w+:)?\w+>|\{\w+\}", "{}", path)
    return re.sub(rf"^/apply/({'|'.join(ROLE_SLUGS)})/$", "/apply/{}/", path)


def test_the_matrix_covers_every_registration_url():
    from registration.urls import urlpatterns

    routes = {route_of("/" + str(pattern.pattern)) for pattern in urlpatterns}
    assert routes == {
        route_of(path) for _method, path, _data, _answers in MATRIX if "/admin/" not in path
    }


@pytest.fixture
def world(registration_open, stakeholder, focal_point_a, focal_point_b, staff_user):
    """The registrations and the nomination letter described in the module docstring."""
    choices = {
        "parts": Registration.Parts.BOTH,
        "attendance": Registration.Attendance.IN_PERSON,
        "consent_privacy": True,
        "consent_public_list": True,
    }
    registration_services.registration_submit(
        user=stakeholder, meeting=registration_open, profile={}, choices=choices
    )
    approved = registration_services.registration_submit(
        user=focal_point_a, meeting=registration_open, profile={}, choices=choices
    )
    registration_services.registrations_decide(
        registration_ids=[approved.pk], action="approve", by=staff_user
    )

    FocalPoint.objects.filter(user=focal_point_a).delete()
    letter = accounts_services.focal_point_apply(
        user=focal_point_a,
        member_state=MemberState.objects.get(iso_alpha3="ARM"),
        letter=SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
    )
    accounts_services.focal_point_decide(focal_point=letter, by=staff_user, verify=True)

    calls = calls_open(registration_open)
    session = thematic(registration_open, 2)
    moderator = apply(calls, stakeholder, "moderator", session=session)
    keynote = offer(calls, focal_point_a, "keynote", session=session)
    return {
        ANONYMOUS: None,
        STAKEHOLDER: stakeholder,
        FOCAL_A: focal_point_a,
        FOCAL_B: focal_point_b,
        STAFF: staff_user,
        "letter": letter,
        "expression": moderator,
        "state_expression": keynote,
        "call": calls["rapporteur"],
    }


def observed(response, kind: str) -> Answer:
    """The response read the way the expected answer is written, for one equality check."""
    if kind == "location":
        detail = response.get("Location")
    elif kind == "download":
        detail = b"".join(response.streaming_content) if response.streaming else response.content
    elif kind == "my-data":
        detail = json.loads(response.content)["account"]["email"]
    else:
        detail = text(response.content, "h1")
    return Answer(response.status_code, kind, detail)


@pytest.mark.parametrize("method, path, data, role, answer", CASES)
def test_each_role_gets_the_expected_answer_for_each_url(
    request, world, client_of, method, path, data, role, answer
):
    user = request.getfixturevalue("data_manager") if role == DATA_MANAGER else world[role]
    values = {
        "letter": world["letter"].pk,
        "email": getattr(user, "email", ""),
        "expression": world["expression"].pk,
        "state_expression": world["state_expression"].pk,
        "call": world["call"].pk,
    }
    url = path.format(**values)
    expected = answer
    if isinstance(answer.detail, str):
        expected = dataclasses.replace(answer, detail=answer.detail.format(**values))
    client = client_of(user)

    response = client.get(url) if method == "GET" else client.post(url, data)

    assert observed(response, answer.kind) == expected
