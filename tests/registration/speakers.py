"""Building calls, expressions of interest and selections for the tests of issue 4."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registration.models import (
    Call,
    ExpressionOfInterest,
    FocalPoint,
    MemberState,
    StakeholderCategory,
)
from registration.speakers import selection
from registration.speakers import services as speakers_services
from sessions_app.models import Session
from tests.conftest import make_user
from tests.pdfs import pdf_document

PDF = pdf_document()


def cv_file(content: bytes = PDF, name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def calls_open(meeting) -> dict[str, Call]:
    """Every call of the meeting opened yesterday and closing in a month."""
    now = timezone.now()
    meeting.calls.update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    return {call.role: call for call in meeting.calls.all()}


def call_close(call: Call) -> Call:
    """The call closed a second ago."""
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(seconds=1)
    )
    call.refresh_from_db()
    return call


def thematic(meeting, number: int) -> Session:
    return meeting.sessions.get(kind=Session.Kind.THEMATIC, number=number)


def focal_point(iso3: str, *, email: str | None = None, **fields):
    """A new verified focal point of the state ``iso3``."""
    state = MemberState.objects.get(iso_alpha3=iso3)
    user = make_user(
        email or f"focal.{iso3.lower()}@example.org",
        full_name=f"Focal {state.name}",
        delegation=state,
        **fields,
    )
    FocalPoint.objects.create(user=user, member_state=state, status=FocalPoint.Status.VERIFIED)
    return user


def stakeholder_of(email: str, *, iso3: str | None, category: str, gender: str = "", **fields):
    return make_user(
        email,
        full_name=fields.pop("full_name", email.split("@")[0].title()),
        organisation=fields.pop("organisation", "An organisation"),
        stakeholder_category=StakeholderCategory.objects.get(slug=category),
        country=MemberState.objects.get(iso_alpha3=iso3) if iso3 else None,
        gender=gender,
        **fields,
    )


def offer(
    calls, user, role: str, *, session=None, name="H.E. Speaker", gender="woman"
) -> ExpressionOfInterest:
    """A Member State's expression of interest (Co-Chair or keynote speaker)."""
    data = {"speaker_name": name, "speaker_title": "Minister", "gender": gender}
    if role == Call.Role.KEYNOTE:
        data.update(session=session, summary="What the speaker would present.")
    return speakers_services.expression_submit(call=calls[role], user=user, data=data)


def apply(calls, user, role: str, *, session=None) -> ExpressionOfInterest:
    """A stakeholder's expression of interest (Rapporteur or moderator)."""
    data = {"motivation": "Why me.", "cv": cv_file()}
    if role == Call.Role.MODERATOR:
        data.update(session=session, expertise="Objectives I know.")
    else:
        data["experience"] = "Reporting on consultations."
    return speakers_services.expression_submit(call=calls[role], user=user, data=data)


def select_and_tell(expression, staff) -> ExpressionOfInterest:
    """Staff select the candidate and send the outcome of their seat group."""
    expression = selection.expression_select(expression=expression, by=staff)
    selection.expressions_notify(
        call=expression.call,
        session=expression.session if expression.call.per_session else None,
        by=staff,
    )
    expression.refresh_from_db()
    return expression


def confirmed(expression, staff, user) -> ExpressionOfInterest:
    """Selected, told, and confirmed by ``user``."""
    select_and_tell(expression, staff)
    return speakers_services.expression_respond(expression=expression, user=user, accept=True)


def error_list(response) -> list[str]:
    """The text of every error list on the page."""
    from tests.html import texts

    content = response.content.decode()
    found, start = [], 0
    while (start := content.find('<ul class="errorlist', start)) != -1:
        end = content.index("</ul>", start)
        found.extend(texts(content[start : end + 5], "li"))
        start = end
    return found


def flashed(response) -> list[str]:
    """The messages a redirecting view queued for the next page."""
    from django.contrib.messages import get_messages

    return [str(message) for message in get_messages(response.wsgi_request)]


def day(moment) -> str:
    """A moment's date as the portal writes it in English: 11 March 2024."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"
