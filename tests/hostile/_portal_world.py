"""A portal in full swing, for the hostile-input tests: every window open, two focal points
with drafts, two stakeholders with applications and registrations, a circulated report, an
open Discussion Space, consultations held and to come. Built through the services, the way
people and staff build it.

Also: reading what a response told the person (form errors, flashed messages, a plain
refusal), snapshots of tables to prove a refused request changed nothing, and the files under
MEDIA_ROOT.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone

from registration import services as registration_services
from registration.models import Call, FocalPoint, MemberState, StakeholderCategory
from registration.speakers import selection
from registration.speakers import services as speakers_services
from reports import circulation as report_circulation
from reports import services as report_services
from reports.models import Report, ReportVersion
from sessions_app.models import GCMObjective, KeyDate, Session
from submissions import services as submission_services
from submissions.models import (
    Consultation,
    ConsultationRegistration,
    DeadlineExtension,
    DiscussionThread,
    RapporteurSummary,
)
from submissions.voices import services as voices_services
from submissions.voices.discussion import services as discussion_services
from tests.conftest import make_user
from tests.factories import MeetingFactory
from tests.pdfs import pdf_document
from tests.registration.speakers import error_list

PDF = pdf_document()
PAYLOADS = Path(__file__).resolve().parent / "payloads"


def payloads(name: str) -> dict:
    """A payload file of tests/hostile/payloads/, read relative to this folder."""
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


# What a response told the person -----------------------------------------------------------


def told(response) -> list[str]:
    """Everything the response says went wrong or right: a redirect's flashed messages, a
    page's error lists and messages, the reason a 400 page gives, or the text of a bare
    refusal (400 without a page); whitespace (such as the no-break space of "10.0 MB")
    normalised."""
    if response.status_code in (301, 302):
        return [" ".join(str(message).split()) for message in get_messages(response.wsgi_request)]
    if getattr(response, "streaming", False):
        return []
    content = response.content.decode(errors="replace")
    if "<html" not in content:
        return [content.strip()] if content.strip() else []
    context = response.context or {}
    shown = [" ".join(str(m).split()) for m in context.get("messages", [])]
    refused = [context["reason"]] if context.get("reason") else []
    return error_list(response) + shown + refused


# Proof that nothing changed --------------------------------------------------------------


def rows(label: str, **filters) -> list[dict]:
    """Every row of the model ``label`` ("app.Model") matching ``filters``, by primary key."""
    model = apps.get_model(label)
    return list(model.objects.filter(**filters).order_by("pk").values())


def media_files() -> dict[str, bytes]:
    """Every file under MEDIA_ROOT, by its path relative to it."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def files_outside_media(base: Path) -> list[str]:
    """Files under ``base`` (the test's temporary folder) that are not under MEDIA_ROOT."""
    media = Path(settings.MEDIA_ROOT).resolve()
    return sorted(
        str(path)
        for path in base.rglob("*")
        if path.is_file() and media not in path.resolve().parents
    )


# Forms as browsers send them -------------------------------------------------------------


def answers_post(version, **answers) -> dict:
    data = {"version": str(version), "language": "en"}
    for letter in "abcde":
        data[f"answer_{letter}"] = answers.get(letter, f"Our answer to question {letter}.")
    return data


def day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


# The world -----------------------------------------------------------------------------------


@dataclass
class World:
    meeting: object
    people: dict
    objects: dict = field(default_factory=dict)

    def values(self) -> dict:
        """The placeholders payload files may use, read from the database as it is now."""
        o = self.objects
        submission_a, submission_b = o["submission_a"], o["submission_b"]
        submission_a.refresh_from_db()
        submission_b.refresh_from_db()
        thread = DiscussionThread.objects.get(pk=o["thread"].pk)
        calls = {call.role: call for call in self.meeting.calls.all()}
        return {
            **{f"{name}_id": str(user.pk) for name, user in self.people.items()},
            "state_a": str(submission_a.member_state_id),
            "state_b": str(submission_b.member_state_id),
            "submission_a": str(submission_a.pk),
            "submission_b": str(submission_b.pk),
            "submission_a_version": str(submission_a.version),
            "submission_a_stale_version": str(submission_a.version - 1),
            "submission_b_version": str(submission_b.version),
            "attachment_a": str(o["attachment_a"].pk),
            "expression_a": str(o["expression_a"].pk),
            "expression_s": str(o["expression_s"].pk),
            "registration_s": str(o["registration_s"].pk),
            "focal_point_pending": str(o["focal_point_pending"].pk),
            "session_3": str(o["session_3"].pk),
            "session_3_slug": o["session_3"].slug,
            "objective_15": str(GCMObjective.objects.get(number=15).pk),
            "opening_session": str(o["opening_session"].pk),
            "category": str(StakeholderCategory.objects.get(slug="civil_society").pk),
            "section": str(o["section"].pk),
            "foreign_section": str(o["foreign_section"].pk),
            "thread": thread.slug,
            "post_published": str(o["post_published"].pk),
            "post_pending": str(o["post_pending"].pk),
            "consultation_past": str(o["consultation_past"].pk),
            "consultation_upcoming": str(o["consultation_upcoming"].pk),
            "call_keynote": str(calls[Call.Role.KEYNOTE].pk),
            "call_closed_on": day(calls[Call.Role.RAPPORTEUR].closes_at),
            "thread_closed_on": discussion_services._date_text(thread.closes_at, self.meeting),
            "thread_opens_on": discussion_services._date_text(thread.opens_at, self.meeting),
            "summary_version": str(RapporteurSummary.objects.get(pk=o["summary"].pk).version),
        }

    def fill(self, value, **extra):
        """``value`` (a string, list or dict of them) with its {placeholders} filled in from
        ``values()`` and ``extra``."""
        return _filled(value, {**self.values(), **extra})


def _filled(value, values: dict):
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, list):
        return [_filled(item, values) for item in value]
    if isinstance(value, dict):
        return {_filled(key, values): _filled(item, values) for key, item in value.items()}
    return value


def world_build(meeting, *, staff, focal_point_a, focal_point_b, stakeholder) -> World:
    """Every window open (registration, calls, written inputs, comments, Discussion Space)."""
    now = timezone.now()
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=now - datetime.timedelta(days=1)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=now + datetime.timedelta(days=30)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=now + datetime.timedelta(days=7)
    )
    meeting.calls.update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    stakeholder_b = make_user(
        "omar@example.org",
        full_name="Omar Other",
        organisation="University of Geneva",
        stakeholder_category=StakeholderCategory.objects.get(slug="academia"),
        gender="man",
    )
    claimant = make_user("claire@example.org", full_name="Claire Claimant")
    focal_point_pending = FocalPoint.objects.create(
        user=claimant, member_state=MemberState.objects.get(iso_alpha3="FRA")
    )
    people = {
        "staff": staff,
        "focal_point_a": focal_point_a,
        "focal_point_b": focal_point_b,
        "stakeholder": stakeholder,
        "stakeholder_b": stakeholder_b,
        "claimant": claimant,
    }
    o = {"focal_point_pending": focal_point_pending}
    sessions = meeting.sessions
    o["session_3"] = sessions.get(kind=Session.Kind.THEMATIC, number=3)
    o["opening_session"] = sessions.filter(kind=Session.Kind.OPENING).first()

    # Written inputs: Armenia's draft with answers and an attachment; Portugal's empty draft.
    state_a = focal_point_a.focal_point.member_state
    state_b = focal_point_b.focal_point.member_state
    submission_a = submission_services.submission_get_or_create(
        meeting=meeting, member_state=state_a
    )
    submission_services.submission_save(
        submission=submission_a,
        by=focal_point_a,
        version=submission_a.version,
        language="en",
        answers={
            letter: {"text": f"<p>Armenia answers ({letter}).</p>", "objectives": []}
            for letter in "abcde"
        },
        cooperation={},
    )
    o["attachment_a"] = submission_services.attachment_add(
        submission=submission_a,
        by=focal_point_a,
        upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    o["submission_a"] = submission_a
    o["submission_b"] = submission_services.submission_get_or_create(
        meeting=meeting, member_state=state_b
    )

    # Calls: Armenia offers a keynote speaker; Sofia applies to moderate, with her CV.
    calls = {call.role: call for call in meeting.calls.all()}
    o["expression_a"] = speakers_services.expression_submit(
        call=calls[Call.Role.KEYNOTE],
        user=focal_point_a,
        data={
            "session": o["session_3"],
            "speaker_name": "H.E. Ms Lilit Sargsyan",
            "speaker_title": "Deputy Minister",
            "gender": "woman",
            "summary": "Pathways for labour mobility.",
        },
    )
    o["expression_s"] = speakers_services.expression_submit(
        call=calls[Call.Role.MODERATOR],
        user=stakeholder,
        data={
            "session": o["session_3"],
            "motivation": "I moderate dialogues.",
            "expertise": "Objectives 15 and 16.",
            "cv": SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        },
    )

    # Registration: Sofia's is pending.
    o["registration_s"] = registration_services.registration_submit(
        user=stakeholder,
        meeting=meeting,
        profile={},
        choices={"parts": "both", "attendance": "online", "consent_privacy": True},
    )

    # The summary report, circulated with comments open for ten days; another meeting's
    # report has sections too.
    report = report_services.report_get_or_create(meeting=meeting)
    data, html = report_services.report_document(report=report, with_compendium=False, number=1)
    version = ReportVersion(
        report=report, number=1, html=html, data=data, page_count=1, seconds=0.1
    )
    version.pdf.save("summary-report-v1.pdf", ContentFile(PDF), save=False)
    version.save()
    report_circulation.version_circulate(
        version=version, by=staff, comments_close_at=now + datetime.timedelta(days=10)
    )
    o["report"] = Report.objects.get(pk=report.pk)
    o["section"] = report.sections.order_by("order")[2]
    other_meeting = MeetingFactory(slug="unece-2019", is_current=False)
    o["foreign_section"] = report_services.report_get_or_create(
        meeting=other_meeting
    ).sections.order_by("order")[2]

    # The Discussion Space: a published post and one waiting for moderation.
    o["thread"] = DiscussionThread.objects.get(meeting=meeting, slug="session-3")
    published = discussion_services.post_create(
        thread=o["thread"], author=stakeholder, text="Labour pathways work.", language="en"
    )
    o["post_published"] = discussion_services.post_approve(post=published, by=staff)
    o["post_pending"] = discussion_services.post_create(
        thread=o["thread"], author=stakeholder_b, text="Waiting for moderation.", language="en"
    )

    # Consultations: one held last month (Sofia registered for it), one next week.
    o["consultation_past"] = Consultation.objects.create(
        meeting=meeting,
        number=1,
        title="First Multi-stakeholder Consultation",
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
        format=Consultation.Format.ONLINE,
    )
    ConsultationRegistration.objects.create(consultation=o["consultation_past"], user=stakeholder)
    o["consultation_upcoming"] = Consultation.objects.create(
        meeting=meeting,
        number=2,
        title="Second Multi-stakeholder Consultation",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=3),
        format=Consultation.Format.IN_PERSON,
    )
    o["summary"] = voices_services.summary_get_or_create(meeting=meeting)
    return World(meeting=meeting, people=people, objects=o)


# Turning the clock: what the payload files call "when" -------------------------------------


def _past(seconds: int = 1) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def when_registration_closed(world: World) -> None:
    world.meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(at=_past())


def when_calls_closed(world: World) -> None:
    world.meeting.calls.update(opens_at=_past(2 * 86400), closes_at=_past())


def when_inputs_deadline_passed(world: World) -> None:
    world.meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(at=_past())


def when_extension_for_b(world: World) -> None:
    DeadlineExtension.objects.create(
        meeting=world.meeting,
        member_state=world.objects["submission_b"].member_state,
        until=timezone.now() + datetime.timedelta(days=2),
    )


def when_extension_for_a_expired(world: World) -> None:
    DeadlineExtension.objects.create(
        meeting=world.meeting,
        member_state=world.objects["submission_a"].member_state,
        until=_past(3600),
    )


def when_submission_a_withdrawn(world: World) -> None:
    submission_services.submission_withdraw(
        submission=world.objects["submission_a"], by=world.people["focal_point_a"]
    )


def when_comments_closed(world: World) -> None:
    Report.objects.filter(pk=world.objects["report"].pk).update(comments_close_at=_past())


def when_thread_closed(world: World) -> None:
    DiscussionThread.objects.filter(pk=world.objects["thread"].pk).update(
        opens_at=_past(2 * 86400), closes_at=_past()
    )


def when_thread_not_open(world: World) -> None:
    DiscussionThread.objects.filter(pk=world.objects["thread"].pk).update(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )


def when_expression_a_selected_and_told(world: World) -> None:
    expression = selection.expression_select(
        expression=world.objects["expression_a"], by=world.people["staff"]
    )
    selection.expressions_notify(
        call=expression.call, session=expression.session, by=world.people["staff"]
    )


WHEN = {
    name.removeprefix("when_"): function
    for name, function in dict(globals()).items()
    if name.startswith("when_")
}
