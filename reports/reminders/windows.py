"""The deadlines reminders are sent for, and who each reminder is for.

The rules live in ``reports``, the top layer, because their audiences read every layer below
it (registrations, speakers, written inputs, the Discussion Space, comments on the report): a
registry in ``gcm_review`` would only add a level of indirection with a single reader.

Each window gives its occurrences for a meeting (one per call for speakers, one for the rest);
an occurrence's ``key`` is part of the once-only constraint, so a reminder goes out again only
for a new occurrence (a new circulated version), not when the beat runs twice.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from registration.models import (
    STAFF_GROUP,
    Call,
    ExpressionOfInterest,
    FocalPoint,
    Registration,
    User,
)
from sessions_app.models import KeyDate, Meeting
from sessions_app.selectors import key_date_at


@dataclass(frozen=True)
class Occurrence:
    key: str
    closes_at: datetime.datetime
    title: str
    url_name: str
    target: object = None


@dataclass(frozen=True)
class Window:
    label: str
    occurrences: Callable[[Meeting], list[Occurrence]]
    template: str = "deadline_reminder"


@dataclass(frozen=True)
class Audience:
    label: str
    window: str
    todo: str
    people: Callable[[Meeting, Occurrence], QuerySet[User]]


def _key_date(kind: str, url_name: str) -> Callable[[Meeting], list[Occurrence]]:
    def occurrences(meeting: Meeting) -> list[Occurrence]:
        closes_at = key_date_at(meeting=meeting, kind=kind)
        return [Occurrence(f"meeting-{meeting.pk}", closes_at, "", url_name)]

    return occurrences


def _calls(meeting: Meeting) -> list[Occurrence]:
    return [
        Occurrence(f"call-{call.pk}", call.closes_at, call.short_label, "registration:my", call)
        for call in Call.objects.filter(meeting=meeting).order_by("closes_at", "pk")
    ]


def _discussion(meeting: Meeting) -> list[Occurrence]:
    from submissions.models import DiscussionThread

    closes_at = DiscussionThread.objects.filter(meeting=meeting).aggregate(last=Max("closes_at"))
    if closes_at["last"] is None:
        return []
    return [Occurrence(f"meeting-{meeting.pk}", closes_at["last"], "", "voices:discussion")]


def _report_comments(meeting: Meeting) -> list[Occurrence]:
    from reports.models import Report

    report = Report.objects.filter(
        meeting=meeting, status=Report.Status.CIRCULATED, comments_close_at__isnull=False
    ).first()
    if report is None:
        return []
    key = f"report-{report.pk}-v{report.circulated_version_id}"
    return [Occurrence(key, report.comments_close_at, report.title, "reports:my_report", report)]


def _report_due(meeting: Meeting) -> list[Occurrence]:
    from reports.models import Report

    report = (
        Report.objects.filter(meeting=meeting)
        .exclude(
            status__in=(Report.Status.CIRCULATED, Report.Status.FINAL, Report.Status.PUBLISHED)
        )
        .first()
    )
    if report is None:
        return []
    closes_at = key_date_at(meeting=meeting, kind=KeyDate.Kind.REPORT_DUE)
    return [Occurrence(f"report-{report.pk}", closes_at, report.title, "reports:staff", report)]


WINDOWS: dict[str, Window] = {
    "registration_closes": Window(
        _("Registration closes"),
        _key_date(KeyDate.Kind.REGISTRATION_CLOSES, "registration:my"),
    ),
    "call_closes": Window(_("A call for speakers closes"), _calls),
    "written_inputs_due": Window(
        _("Written inputs due"),
        _key_date(KeyDate.Kind.WRITTEN_INPUTS_DUE, "submissions:edit"),
    ),
    "discussion_closes": Window(_("The Discussion Space closes"), _discussion),
    "report_comments_close": Window(_("Comments on the circulated report close"), _report_comments),
    "report_due": Window(_("Summary report due"), _report_due, template="report_reminder"),
}


def _active(users: QuerySet[User]) -> QuerySet[User]:
    return users.filter(is_active=True).distinct()


def _verified_focal_points(**filters) -> QuerySet[User]:
    return _active(
        User.objects.filter(
            focal_point__status=FocalPoint.Status.VERIFIED,
            **{f"focal_point__member_state__{k}": v for k, v in filters.items()},
        )
    )


def _registrants_pending(meeting, occurrence):
    return _active(
        User.objects.filter(
            registrations__meeting=meeting,
            registrations__status=Registration.Status.PENDING,
        )
    )


def _approved_participants(meeting, occurrence):
    return _active(
        User.objects.filter(
            registrations__meeting=meeting,
            registrations__status=Registration.Status.APPROVED,
        )
    )


def _speakers_unconfirmed(meeting, occurrence):
    waiting = ExpressionOfInterest.objects.filter(
        call=occurrence.target,
        status=ExpressionOfInterest.Status.SELECTED,
        notified_at__isnull=False,
        confirmation="",
    )
    own = Q(pk__in=waiting.filter(member_state__isnull=True).values("user"))
    of_state = Q(
        focal_point__status=FocalPoint.Status.VERIFIED,
        focal_point__member_state__in=waiting.values("member_state"),
    )
    return _active(User.objects.filter(own | of_state))


def _focal_points_not_submitted(meeting, occurrence):
    from submissions.models import Submission

    done = Submission.objects.filter(
        meeting=meeting, status__in=(Submission.Status.SUBMITTED, Submission.Status.PUBLISHED)
    )
    return _verified_focal_points().exclude(
        focal_point__member_state__in=done.values("member_state")
    )


def _states_without_comments(meeting, occurrence):
    from reports.models import ReportComment

    commented = ReportComment.objects.filter(version__report=occurrence.target)
    return _verified_focal_points().exclude(
        focal_point__member_state__in=commented.values("member_state")
    )


def _network_staff(meeting, occurrence):
    return _active(User.objects.filter(groups__name=STAFF_GROUP))


AUDIENCES: dict[str, Audience] = {
    "registrants_pending": Audience(
        _("Registrants whose registration is still pending"),
        "registration_closes",
        _("Your registration is still pending: you can change it until registration closes."),
        _registrants_pending,
    ),
    "speakers_unconfirmed": Audience(
        _("Selected speakers who have not confirmed"),
        "call_closes",
        _("You have been selected: please confirm that you will take part, or decline."),
        _speakers_unconfirmed,
    ),
    "focal_points_not_submitted": Audience(
        _("Focal points whose State has not submitted its written input"),
        "written_inputs_due",
        _("Your State has not yet submitted its written input."),
        _focal_points_not_submitted,
    ),
    "approved_participants": Audience(
        _("Approved participants"),
        "discussion_closes",
        _("You can still post in the Discussion Space until it closes."),
        _approved_participants,
    ),
    "states_without_comments": Audience(
        _("Focal points whose State has not commented on the report"),
        "report_comments_close",
        _("Your State has not yet commented on the circulated summary report."),
        _states_without_comments,
    ),
    "network_staff": Audience(
        _("Network staff"),
        "report_due",
        _("The summary report must reach Member States for their comments."),
        _network_staff,
    ),
}

# The rules ``seed`` creates: (window, audience, days before, optional).
DEFAULT_RULES = (
    ("registration_closes", "registrants_pending", 7, False),
    ("registration_closes", "registrants_pending", 2, False),
    ("call_closes", "speakers_unconfirmed", 7, False),
    ("call_closes", "speakers_unconfirmed", 2, False),
    ("written_inputs_due", "focal_points_not_submitted", 14, False),
    ("written_inputs_due", "focal_points_not_submitted", 7, False),
    ("written_inputs_due", "focal_points_not_submitted", 2, False),
    ("discussion_closes", "approved_participants", 3, True),
    ("report_comments_close", "states_without_comments", 7, False),
    ("report_comments_close", "states_without_comments", 2, False),
    ("report_due", "network_staff", 14, False),
    ("report_due", "network_staff", 7, False),
    ("report_due", "network_staff", 2, False),
)
