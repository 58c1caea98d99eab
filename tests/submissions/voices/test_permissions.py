"""Who may open and use every page of stakeholder voices, by role.

The roles of the portal's matrix (anonymous, stakeholder, focal points of two States, staff)
plus the Rapporteur, who records outcomes and writes the summary but does not moderate.
"""

import pytest

from registration.models import MemberState
from sessions_app.models import GCMObjective
from submissions.models import DiscussionPost, KeyMessage, SessionPoint
from submissions.voices import services
from tests.html import text

from .conftest import objectives, session

ROLES = ["anonymous", "stakeholder", "focal_point_a", "focal_point_b", "staff", "rapporteur"]
LOGIN = "/accounts/login/?next="
DENIED = (403, "Access denied")


def everyone(status, detail):
    return dict.fromkeys(ROLES, (status, detail))


def signed_in(status, detail, path):
    return {**everyone(status, detail), "anonymous": (302, LOGIN + path)}


def staff_only(detail, path):
    return {
        **dict.fromkeys(ROLES, DENIED),
        "anonymous": (302, LOGIN + path),
        "staff": (200, detail),
    }


def recorders(detail, path):
    return {**staff_only(detail, path), "rapporteur": (200, detail)}


@pytest.fixture
def world(meeting, consultation, thread3, stakeholder, staff_user, other_stakeholder):
    """A consultation with a key message, a session-3 record, a published and a pending post."""
    message = services.key_message_save(
        consultation=consultation,
        by=staff_user,
        kind=KeyMessage.Kind.KEY_MESSAGE,
        text="Regular pathways matter.",
        session=session(meeting, "session-3"),
        objectives=objectives(16),
    )
    point = services.session_point_save(
        session=session(meeting, "session-3"),
        by=staff_user,
        kind=SessionPoint.Kind.KEY_POINT,
        text="Inclusion works.",
        objectives=objectives(16),
        raised_by_state=MemberState.objects.get(iso_alpha3="PRT"),
    )
    published = DiscussionPost.objects.create(
        thread=thread3, author=other_stakeholder, text="Public.", language="en", status="approved"
    )
    pending = DiscussionPost.objects.create(
        thread=thread3, author=other_stakeholder, text="Waiting.", language="en"
    )
    return {
        "consultation": consultation.pk,
        "message": message.pk,
        "point": point.pk,
        "published": published.pk,
        "pending": pending.pk,
    }


@pytest.fixture
def users(stakeholder, focal_point_a, focal_point_b, staff_user, rapporteur):
    return {
        "anonymous": None,
        "stakeholder": stakeholder,
        "focal_point_a": focal_point_a,
        "focal_point_b": focal_point_b,
        "staff": staff_user,
        "rapporteur": rapporteur,
    }


C = "/staff/consultations/{consultation}/"
M = C + "messages/{message}/"
S = "/staff/session-records/session-3/"
P = S + "points/{point}/"

# (path, {role: (status, the page's h1, or where it redirects)})
GET_MATRIX = [
    ("/discussion/", everyone(200, "Discussion Space")),
    ("/discussion/session-3/", everyone(200, "Thematic session 3")),
    ("/discussion/question-a/", everyone(200, "Guiding question (a)")),
    ("/ru/discussion/session-3/", everyone(200, "Тематическое заседание 3")),
    ("/discussion/mine/", signed_in(200, "My posts", "/discussion/mine/")),
    ("/consultations/", everyone(200, "Multi-stakeholder Consultations")),
    ("/gcm-talks/", everyone(200, "GCM Talks")),
    ("/staff/moderation/", staff_only("Moderation of the Discussion Space", "/staff/moderation/")),
    ("/staff/inputs/", staff_only("Every input", "/staff/inputs/")),
    ("/staff/consultations/", recorders("Consultations: key messages", "/staff/consultations/")),
    (C, recorders("Consultation 1: First Multi-stakeholder Consultation", C)),
    (M, recorders("Correct a key message", M)),
    ("/staff/session-records/", recorders("Session records", "/staff/session-records/")),
    (S, recorders("Records of Thematic session 3", S)),
    (P, recorders("Correct a session record", P)),
    (
        "/staff/rapporteur-summary/",
        recorders("The Rapporteur's summary", "/staff/rapporteur-summary/"),
    ),
]


@pytest.mark.parametrize(
    "path, role, expected",
    [
        pytest.param(path, role, expected[role], id=f"GET {path} as {role}")
        for path, expected in GET_MATRIX
        for role in ROLES
    ],
)
def test_pages_by_role(client_of, world, users, path, role, expected):
    url = path.format(**world)
    response = client_of(users[role]).get(url)
    status, detail = expected
    detail = detail.format(**world)
    seen = response["Location"] if status == 302 else text(response.content, "h1")
    assert (response.status_code, seen) == (status, detail)


@pytest.mark.parametrize("role", ROLES)
def test_inputs_csv_by_role(client_of, world, users, role):
    response = client_of(users[role]).get("/staff/inputs.csv")
    expected = {
        **dict.fromkeys(ROLES, 403),
        "anonymous": 302,
        "staff": 200,
    }[role]
    assert response.status_code == expected
    if expected == 200:
        header = response.content.decode("utf-8-sig").splitlines()[0]
        assert header == "Kind,What,Source,Session,GCM objectives,Date,Language,Text,Link"


def _form_data(meeting, world):
    sixteen = GCMObjective.objects.get(number=16).pk
    return {
        "message": {
            "kind": "priority_area",
            "text": "Decent work.",
            "session": session(meeting, "session-3").pk,
            "objectives": [sixteen],
        },
        "point": {
            "kind": "recommendation",
            "text": "Scale up.",
            "objectives": [sixteen],
            "raised_by_state": MemberState.objects.get(iso_alpha3="ARM").pk,
        },
    }


POSTERS = {
    **dict.fromkeys(ROLES, 302),
    "anonymous": "login",
    "staff": 403,
}
REGISTRANTS = {
    "anonymous": "login",
    "stakeholder": 302,
    "focal_point_a": 403,
    "focal_point_b": 403,
    "staff": 403,
    "rapporteur": 302,
}
STAFF = {**dict.fromkeys(ROLES, 403), "anonymous": "login", "staff": 302}
RECORDERS = {**STAFF, "rapporteur": 302}
SIGNED_IN = {**dict.fromkeys(ROLES, 302), "anonymous": "login"}

# (path, what is sent, {role: status, or "login" for the sign-in redirect})
POST_MATRIX = [
    ("/discussion/session-3/", {"text": "Hello.", "language": "en"}, POSTERS),
    ("/discussion/posts/{published}/flag/", {"reason": "Check."}, SIGNED_IN),
    ("/consultations/{upcoming}/register/", {}, REGISTRANTS),
    ("/consultations/{upcoming}/cancel/", {}, REGISTRANTS),
    ("/staff/moderation/{pending}/approve/", {}, STAFF),
    ("/staff/moderation/{pending}/reject/", {"post-{pending}-reason": "No."}, STAFF),
    ("/staff/moderation/{published}/keep/", {}, STAFF),
    (C, "message", RECORDERS),
    (M, "message", RECORDERS),
    (M + "delete/", {}, RECORDERS),
    (S, "point", RECORDERS),
    (P, "point", RECORDERS),
    (P + "delete/", {}, RECORDERS),
    (
        "/staff/rapporteur-summary/",
        {"version": 1, "language": "en", "body": "<p>Summary.</p>"},
        RECORDERS,
    ),
    ("/staff/rapporteur-summary/submit/", {"version": 1}, RECORDERS),
    ("/staff/rapporteur-summary/publish/", {}, STAFF),
    ("/staff/rapporteur-summary/return/", {"comment": "Shorter."}, STAFF),
]


@pytest.mark.parametrize(
    "path, data, role, expected",
    [
        pytest.param(path, data, role, expected[role], id=f"POST {path} as {role}")
        for path, data, expected in POST_MATRIX
        for role in ROLES
    ],
)
def test_actions_by_role(
    client_of, meeting, world, upcoming_consultation, users, path, data, role, expected
):
    ids = {**world, "upcoming": upcoming_consultation.pk}
    url = path.format(**ids)
    if isinstance(data, str):
        data = _form_data(meeting, world)[data]
    data = {key.format(**ids): value for key, value in data.items()}
    if path.endswith("/cancel/") and users[role] is not None and expected == 302:
        services.consultation_register(consultation=upcoming_consultation, user=users[role])
    response = client_of(users[role]).post(url, data)
    if expected == "login":
        assert (response.status_code, response["Location"]) == (302, LOGIN + url)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    "path",
    [
        "/staff/moderation/{pending}/approve/",
        "/staff/moderation/{pending}/reject/",
        "/discussion/posts/{published}/flag/",
        "/consultations/{consultation}/register/",
        "/staff/rapporteur-summary/publish/",
    ],
)
def test_action_urls_refuse_get(client_of, world, staff_user, stakeholder, path):
    user = staff_user if path.startswith("/staff/") else stakeholder
    assert client_of(user).get(path.format(**world)).status_code == 405


def test_focal_point_or_stakeholder_cannot_approve_and_nothing_changes(
    client_of, world, focal_point_a, rapporteur
):
    for user in (focal_point_a, rapporteur):
        client_of(user).post(f"/staff/moderation/{world['pending']}/approve/")
    assert DiscussionPost.objects.get(pk=world["pending"]).status == "pending"
