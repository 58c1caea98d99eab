"""The permission matrix: every URL pattern of the portal, for every role, by GET and by POST.

The patterns are discovered from the URL resolver (``i18n_patterns`` and every ``include``
walked), so a new view without a row fails
``test_every_url_pattern_has_a_row_and_every_row_a_pattern``, and so does a row whose URL is
gone: add the row to ``MATRIX`` (``ALLAUTH``, ``ADMIN_SITE`` or ``ADMIN_MODELS`` for those).
Each row names one pattern ("namespace:name", or the route of an unnamed pattern), the world
objects its URL arguments come from, and what each role gets, in the order of ``ROLES``:

- a status code: 200, 400 (the form's errors, nothing saved), 403, 404, 405;
- ``SIGNIN``: 302 to ``/accounts/login/?next=<the path>``;
- ``ADMIN_SIGNIN``: 302 to ``/admin/login/?next=<the path>`` (the admin's own redirect);
- ``go(location)``: 302 to exactly that location.

POST requests carry an empty body: enough to see who is let in (an allowed role gets its
form's errors or the button's redirect, a refused one 403/404/405 or the sign-in). Where a
row watches the database (``watch=``), a refused role must leave it unchanged and an allowed
one must change it exactly as the row says (a withdraw button with an empty body does
withdraw).

The roles, the same people as the fixtures of ``tests/conftest.py`` plus two:

- anonymous;
- the stakeholder (Sofia, civil society): approved registration, applied as moderator of
  thematic session 2 with a CV, registered for the upcoming consultation;
- the focal point of state A (Anahit, Armenia): Armenia's draft written input with an
  attachment, Armenia's keynote-speaker offer, a nomination letter, a discussion post awaiting
  moderation, a comment on the circulated summary report;
- the focal point of state B (Pedro, Portugal): a nomination letter and a comment of his own;
- a person with a pending registration (Paula, civil society);
- Network staff (Nadia);
- a superuser.

The object-level rows use objects of state A or of another person, so state B's focal point
is seen to be refused; the tests after the matrix check, by behaviour, that the other State's
content is absent from what B gets and unchanged in the database after B's forged POSTs, and
who downloads CVs and nomination letters.

django-allauth's pages are rows like the portal's (``ALLAUTH``). The Django admin's are too:
``ADMIN_SITE`` lists the site's own pages, and ``ADMIN_MODELS`` says per registered model what
staff and the superuser may do, from which one rule builds the rows of its changelist, add,
change, history, delete and bare object pages. Every admin pattern is checked by GET for every
role; by POST only each model's add and delete pages, where a POST could write (an empty one
writes nothing).

Runtime: the world is built once for the module (seed, people, a circulated report) inside a
transaction rolled back at the end. Each row and method is one test, in a savepoint of it
(pytest-django's ``db``); each role's request runs in a savepoint of its own, rolled back
after it, so POSTs do not leak from one role or row to the next. One test client serves the
module, sending the session cookie of the role asking.
"""

import dataclasses
import datetime
import io
import re
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from gcm_review.celery import app as celery_app
from gcm_review.models import OutgoingEmail
from registration import services as registration_services
from registration.accounts import services as accounts_services
from registration.models import (
    Call,
    ExpressionOfInterest,
    FocalPoint,
    LogisticsNote,
    MemberState,
    Registration,
    SideEvent,
    SideEventCall,
    SideEventSignUp,
    StakeholderCategory,
    User,
)
from registration.speakers import selection
from registration.speakers import services as speakers_services
from registration.timeline.services import calendar_feed_regenerate
from reports import circulation as report_circulation
from reports import services as report_services
from reports.models import CompileJob, Quote, Report, ReportComment, ReportVersion, Section
from reports.reminders.models import ReminderRule
from reports.reminders.services import unsubscribe_token
from sessions_app.models import (
    Document,
    GCMObjective,
    GuidingPrinciple,
    KeyDate,
    Meeting,
    NewsItem,
    ProgrammeRelease,
)
from sessions_app.news import services as news_services
from submissions import services as submission_services
from submissions.models import (
    Attachment,
    Consultation,
    ConsultationRegistration,
    DeadlineExtension,
    DiscussionFlag,
    DiscussionPost,
    DiscussionThread,
    ExtensionRequest,
    GCMTalk,
    KeyMessage,
    RapporteurSummary,
    SessionPoint,
    Submission,
)
from submissions.voices import services as voices_services
from tests.conftest import _focal_point, make_user
from tests.pdfs import pdf_document
from tests.registration.speakers import calls_open, thematic

pytestmark = pytest.mark.django_db

# Roles -------------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
STAKEHOLDER = "stakeholder"
FOCAL_A = "focal point A"
FOCAL_B = "focal point B"
PENDING = "pending registrant"
STAFF = "staff"
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, STAKEHOLDER, FOCAL_A, FOCAL_B, PENDING, STAFF, SUPERUSER)

# Outcomes ----------------------------------------------------------------------------------

SIGNIN = "signin"
ADMIN_SIGNIN = "admin-signin"
REFUSALS = {SIGNIN, ADMIN_SIGNIN, 403, 404, 405}


@dataclasses.dataclass(frozen=True)
class Go:
    """A 302 to ``location``: a path whose ``{key}`` parts are world values, or a function of
    the world (for an object the request itself creates)."""

    location: str | Callable[[dict], str]

    def resolve(self, world: dict) -> str:
        if callable(self.location):
            return self.location(world)
        return self.location.format(**world["ids"])


def go(location) -> Go:
    return Go(location)


Outcome = int | str | Go


def expected_answer(outcome: Outcome, path: str, world: dict) -> tuple[int, str | None]:
    """(status, Location) as the response must show them."""
    if outcome == SIGNIN:
        return 302, f"/accounts/login/?next={path}"
    if outcome == ADMIN_SIGNIN:
        return 302, f"/admin/login/?next={path}"
    if isinstance(outcome, Go):
        return 302, outcome.resolve(world)
    return outcome, None


def observed_answer(response) -> tuple[int, str | None]:
    return response.status_code, response.get("Location")


# What a POST may change --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Watch:
    """``read(world, user)`` before and after a POST: a refused role leaves it unchanged; an
    allowed one leaves ``after(before, world, user)``."""

    read: Callable[[dict, Any], Any]
    after: Callable[[Any, dict, Any], Any] = lambda before, world, user: before


def unchanged(read) -> Watch:
    return Watch(read)


def becomes(read, value) -> Watch:
    return Watch(read, lambda before, world, user: value)


def status_of(model, key):
    return lambda world, user: model.objects.get(pk=world["ids"][key]).status


def exists(model, key):
    return lambda world, user: model.objects.filter(pk=world["ids"][key]).exists()


def armenia_status(world, user):
    return Submission.objects.get(pk=world["ids"]["submission"]).status


def armenia_attachments(world, user):
    return sorted(
        Attachment.objects.filter(submission_id=world["ids"]["submission"]).values_list(
            "name", flat=True
        )
    )


def armenia_answers(world, user):
    submission = Submission.objects.get(pk=world["ids"]["submission"])
    return (submission.version, sorted(submission.answers.values_list("text", flat=True)))


def programme_versions(world, user):
    return ProgrammeRelease.objects.count()


def own_registration(world, user):
    return Registration.objects.filter(user=user).values_list("status", flat=True).first()


def all_registrations(world, user):
    return sorted(Registration.objects.values_list("user__email", "status"))


def own_focal_point(world, user):
    return list(
        FocalPoint.objects.filter(user=user).values_list("member_state__iso_alpha3", "status")
    )


def own_profile(world, user):
    """The person's name and organisation; None once the account is gone (or anonymous)."""
    people = User.objects.filter(pk=getattr(user, "pk", None))
    return people.values_list("full_name", "organisation").first()


def focal_point_a_record(world, user):
    return (
        FocalPoint.objects.filter(pk=world["ids"]["letter"]).values_list("status", flat=True).get()
    )


def staff_note(world, user):
    return ExpressionOfInterest.objects.get(pk=world["ids"]["expression"]).staff_note


def expressions(world, user):
    return sorted(ExpressionOfInterest.objects.values_list("pk", "status", "confirmation"))


def deadline_extensions(world, user):
    return DeadlineExtension.objects.count()


def extension_requests(world, user):
    return sorted(ExtensionRequest.objects.values_list("member_state__iso_alpha3", "status"))


def news_items(world, user):  # news13
    return sorted(NewsItem.objects.values_list("slug", "status", "title"))


def side_event_seats(world, user):
    return sorted(
        SideEventSignUp.objects.filter(side_event_id=world["ids"]["side_event"]).values_list(
            "user__email", flat=True
        )
    )


def side_events(world, user):
    return sorted(SideEvent.objects.values_list("title", "status"))


def upcoming_registrants(world, user):
    return sorted(
        ConsultationRegistration.objects.filter(
            consultation_id=world["ids"]["upcoming"]
        ).values_list("user__email", flat=True)
    )


def plus_self(before, world, user):
    return sorted({*before, user.email})


def minus_self(before, world, user):
    return sorted(set(before) - {user.email})


def thread_posts(world, user):
    return DiscussionPost.objects.filter(thread__slug="session-3").count()


def post_flags(world, user):
    return DiscussionFlag.objects.filter(post_id=world["ids"]["post"]).count()


def key_messages(world, user):
    return sorted(KeyMessage.objects.values_list("pk", "text"))


def session_points(world, user):
    return sorted(SessionPoint.objects.values_list("pk", "text"))


def summary_state(world, user):
    return list(RapporteurSummary.objects.values_list("status", "version", "body"))


def outline(world, user):
    return list(Section.objects.order_by("order", "pk").values_list("title", flat=True))


def section_text(world, user):
    return Section.objects.filter(pk=world["ids"]["section"]).values_list("title", "body").get()


def quotes(world, user):
    return sorted(Quote.objects.values_list("pk", flat=True))


def jobs(world, user):
    return sorted(CompileJob.objects.values_list("pk", flat=True))


def report_state(world, user):
    return Report.objects.values_list("status", "circulated_version", "final_version").get()


def comments(world, user):
    return sorted(
        ReportComment.objects.values_list("member_state__iso_alpha3", "body", "addressed")
    )


def trends_down(before, world, user):
    """The outline with "Regional trends" one place further down."""
    titles = list(before)
    index = titles.index("Regional trends")
    titles[index], titles[index + 1] = titles[index + 1], titles[index]
    return titles


def without_trends(before, world, user):
    return [title for title in before if title != "Regional trends"]


def with_a_new_job(before, world, user):
    return [*before, CompileJob.objects.latest("pk").pk]


def newest_job(world) -> str:
    return f"/staff/report/jobs/{CompileJob.objects.latest('pk').pk}/"


def withdrawn_if_armenia(before, world, user):
    return "withdrawn" if user == world["users"][FOCAL_A] else before


# The matrix --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    GET: tuple
    POST: tuple | None
    kwargs: dict = dataclasses.field(default_factory=dict)
    watch: Watch | None = None

    def __post_init__(self):
        for outcomes in (self.GET, self.POST):
            assert outcomes is None or len(outcomes) == len(ROLES), self.name


def row(name, GET, POST=None, watch=None, **kwargs) -> Row:
    """One URL pattern; ``kwargs`` map each URL argument to a key of ``world["ids"]``. Without
    ``POST`` (the admin's pages but add and delete) the pattern is checked by GET only."""
    return Row(name, GET, POST, kwargs, watch)


def everyone(outcome) -> tuple:
    return (outcome,) * len(ROLES)


def signed_in(outcome) -> tuple:
    return (SIGNIN,) + (outcome,) * (len(ROLES) - 1)


def staff_only(outcome) -> tuple:
    return (SIGNIN, 403, 403, 403, 403, outcome, outcome)


PUBLIC = everyone(200)
NO_POST = everyone(405)
SIGNED_IN_NO_POST = signed_in(405)
STAFF_NO_POST = staff_only(405)

TO_MY = go("/my/")
TO_APPLY = go("/apply/")
TO_HOME = go("/")
TO_OFFER = go("/apply/{state_expression}/edit/")
TO_BOARD = go("/staff/selection/#slot-moderator-2")
TO_DRAFT = go("/my/submission/")
TO_QUEUE = go("/staff/submissions/")
TO_ARMENIA = go("/staff/submissions/{submission}/")
TO_POST = go("/discussion/session-3/#post-{post}")
TO_CONSULT = go("/consultations/#consultation-2")
TO_MODERATION = go("/staff/moderation/")
TO_SUMMARY = go("/staff/rapporteur-summary/")
TO_CONSULTATION = go("/staff/consultations/{consultation}/")
TO_SESSION = go("/staff/session-records/session-3/")
TO_REPORT = go("/staff/report/")
TO_SECTION = go("/staff/report/sections/{section}/")
TO_COMMENTS = go("/staff/report/comments/")
TO_NEW_JOB = go(newest_job)
TO_SIDE_EVENT = go("/programme/side-events/#side-event-{side_event}")
TO_LOGIN = go("/accounts/login/")
TO_CALENDAR = go("/my/calendar/")  # rem13
TO_CODE = go("/accounts/reauthenticate/code/")
TO_EMAILS = go("/accounts/email/")
TO_PASSWORD = go("/accounts/password/change/")
TO_REAUTHENTICATE_DELETE = go("/accounts/reauthenticate/?next=%2Fmy%2Fdata%2Fdelete%2F")

# fmt: off
MATRIX = [
    # gcm_review
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("health",
        GET= PUBLIC,
        POST=NO_POST),
    row("set_language",
        GET= everyone(TO_HOME),
        POST=everyone(TO_HOME)),
    # registration: people
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("registration:my",
        GET= signed_in(200),
        POST=SIGNED_IN_NO_POST),
    row("registration:profile",
        GET= signed_in(200),
        POST=signed_in(200),
        watch=unchanged(own_profile)),
    row("registration:focal_point",
        GET= signed_in(200),
        POST=signed_in(200),
        watch=unchanged(own_focal_point)),
    row("registration:logistics_note",
        GET= (SIGNIN,    200,       403,       403,       403,       200,       200),
        POST=SIGNED_IN_NO_POST),
    row("registration:my_data",
        GET= signed_in(200),
        POST=SIGNED_IN_NO_POST),
    row("registration:my_data_download",
        GET= signed_in(200),
        POST=SIGNED_IN_NO_POST),
    row("registration:account_delete",
        GET= SIGNED_IN_NO_POST,
        POST=signed_in(TO_REAUTHENTICATE_DELETE),
        watch=unchanged(own_profile)),
    row("registration:register",
        GET= signed_in(200),
        POST=signed_in(200),
        watch=unchanged(all_registrations)),
    row("registration:withdraw",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    TO_MY,     404,       404,       TO_MY,     404,       404),
        watch=becomes(own_registration, "withdrawn")),
    row("registration:participants",
        GET= PUBLIC,
        POST=NO_POST),
    row("registration:nomination_letter", pk="letter",
        GET= (SIGNIN,    404,       200,       404,       404,       200,       200),
        POST=SIGNED_IN_NO_POST),
    # registration: expressions of interest
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("registration:apply",
        GET= signed_in(200),
        POST=SIGNED_IN_NO_POST),
    row("registration:apply_role", role="role",
        GET= (SIGNIN,    403,       TO_OFFER,  200,       403,       403,       403),
        POST=(SIGNIN,    403,       200,       200,       403,       403,       403),
        watch=unchanged(expressions)),
    row("registration:expression_edit", pk="state_expression",
        GET= (SIGNIN,    404,       200,       404,       404,       404,       404),
        POST=(SIGNIN,    404,       200,       404,       404,       404,       404),
        watch=unchanged(expressions)),
    row("registration:expression_withdraw", pk="state_expression",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    404,       TO_APPLY,  404,       404,       404,       404),
        watch=becomes(status_of(ExpressionOfInterest, "state_expression"), "withdrawn")),
    row("registration:expression_cv", pk="expression",
        GET= (SIGNIN,    200,       404,       404,       404,       200,       200),
        POST=SIGNED_IN_NO_POST),
    row("registration:expression_respond", pk="state_expression",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    404,       400,       404,       404,       404,       404),
        watch=unchanged(expressions)),
    # registration: Network staff
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("registration:staff_home",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("registration:staff_registrations",
        GET= staff_only(200),
        POST=staff_only(200),
        watch=unchanged(all_registrations)),
    row("registration:staff_focal_points",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("registration:staff_focal_point_decide", pk="letter",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(focal_point_a_record)),
    row("registration:staff_audit",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("registration:staff_selection",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("registration:staff_selection_decide", pk="expression",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(expressions)),
    row("registration:staff_selection_note", pk="expression",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_BOARD),
        watch=becomes(staff_note, "")),
    row("registration:staff_selection_notify", pk="call",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(expressions)),
    # side13: side events (an approved one with seats, a pending one; the call is open)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("side_events:list",
        GET= PUBLIC,
        POST=NO_POST),
    row("side_events:ics",
        GET= PUBLIC,
        POST=NO_POST),
    row("side_events:sign_up", pk="side_event",
        GET= SIGNED_IN_NO_POST,
        POST=signed_in(TO_SIDE_EVENT),
        watch=Watch(side_event_seats, plus_self)),
    row("side_events:sign_up_cancel", pk="side_event",
        GET= SIGNED_IN_NO_POST,
        POST=signed_in(TO_SIDE_EVENT),
        watch=Watch(side_event_seats, minus_self)),
    row("side_events:my",
        GET= signed_in(200),
        POST=SIGNED_IN_NO_POST),
    row("side_events:propose",
        GET= (SIGNIN,    200,       200,       200,       403,       403,       403),
        POST=(SIGNIN,    400,       400,       400,       403,       403,       403),
        watch=unchanged(side_events)),
    row("side_events:staff_list",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("side_events:staff_decide", pk="pending_side_event",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(side_events)),
    # submissions: a focal point drafts their State's input
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("submissions:edit",
        GET= (SIGNIN,    403,       200,       200,       403,       403,       403),
        POST=(SIGNIN,    403,       400,       400,       403,       403,       403),
        watch=unchanged(armenia_answers)),
    row("submissions:submit",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    403,       TO_DRAFT,  TO_DRAFT,  403,       403,       403),
        watch=unchanged(armenia_status)),
    row("submissions:withdraw",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    403,       TO_DRAFT,  TO_DRAFT,  403,       403,       403),
        watch=Watch(armenia_status, withdrawn_if_armenia)),
    row("submissions:reopen",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    403,       TO_DRAFT,  TO_DRAFT,  403,       403,       403),
        watch=unchanged(armenia_status)),
    row("submissions:attachment_add",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    403,       TO_DRAFT,  TO_DRAFT,  403,       403,       403),
        watch=unchanged(armenia_attachments)),
    row("submissions:attachment_remove", pk="attachment",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    403,       TO_DRAFT,  404,       403,       403,       403),
        watch=becomes(armenia_attachments, [])),
    row("submissions:attachment", pk="attachment",
        GET= (SIGNIN,    404,       200,       404,       404,       200,       200),
        POST=NO_POST),
    # submissions: Network staff review
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("submissions:staff_queue",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("submissions:staff_extension",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_QUEUE),
        watch=unchanged(deadline_extensions)),
    # submissions: deadline extensions (Armenia's request waits)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("extensions:request",
        GET= (SIGNIN,    403,       200,       200,       403,       403,       403),
        POST=(SIGNIN,    403,       400,       400,       403,       403,       403),
        watch=unchanged(extension_requests)),
    row("extensions:staff_list",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("extensions:staff_decide", pk="extension_request",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(extension_requests)),
    row("submissions:staff_detail", pk="submission",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("submissions:staff_return", pk="submission",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_ARMENIA),
        watch=unchanged(armenia_status)),
    row("submissions:staff_publish", pk="submission",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_ARMENIA),
        watch=unchanged(armenia_status)),
    row("submissions:staff_withdraw", pk="submission",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_ARMENIA),
        watch=becomes(armenia_status, "withdrawn")),
    row("submissions:staff_revision", pk="submission", number="revision",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    # submissions: public (Armenia's input is a draft: only Armenia and staff read it)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("submissions:list",
        GET= PUBLIC,
        POST=NO_POST),
    row("submissions:coverage",
        GET= PUBLIC,
        POST=NO_POST),
    row("submissions:data",
        GET= PUBLIC,
        POST=NO_POST),
    row("submissions:detail", pk="submission",
        GET= (404,       404,       200,       404,       404,       200,       200),
        POST=NO_POST),
    row("submissions:pdf", pk="submission",
        GET= (404,       404,       200,       404,       404,       200,       200),
        POST=NO_POST),
    row("submissions:json",
        GET= PUBLIC,
        POST=NO_POST),
    row("submissions:csv",
        GET= PUBLIC,
        POST=NO_POST),
    # voices: the Discussion Space (the post is focal point A's, awaiting moderation)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("voices:discussion",
        GET= PUBLIC,
        POST=NO_POST),
    row("voices:my_posts",
        GET= signed_in(200),
        POST=SIGNED_IN_NO_POST),
    row("voices:flag", pk="post",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    404,       TO_POST,   404,       404,       TO_POST,   TO_POST),
        watch=unchanged(post_flags)),
    row("voices:thread", slug="thread",
        GET= PUBLIC,
        POST=(SIGNIN,    400,       400,       400,       400,       403,       403),
        watch=unchanged(thread_posts)),
    # voices: consultations and GCM Talks
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("voices:consultations",
        GET= PUBLIC,
        POST=NO_POST),
    row("voices:consultation_register", pk="upcoming",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    TO_CONSULT,403,       403,       TO_CONSULT,403,       403),
        watch=Watch(upcoming_registrants, plus_self)),
    row("voices:consultation_cancel", pk="upcoming",
        GET= SIGNED_IN_NO_POST,
        POST=(SIGNIN,    TO_CONSULT,403,       403,       TO_CONSULT,403,       403),
        watch=Watch(upcoming_registrants, minus_self)),
    row("voices:talks",
        GET= PUBLIC,
        POST=NO_POST),
    # voices: Network staff
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("voices:moderation",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("voices:approve", pk="post",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_MODERATION),
        watch=becomes(status_of(DiscussionPost, "post"), "approved")),
    row("voices:reject", pk="post",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(status_of(DiscussionPost, "post"))),
    row("voices:keep", pk="post",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_MODERATION),
        watch=unchanged(status_of(DiscussionPost, "post"))),
    row("voices:inputs",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("voices:inputs_csv",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("voices:summary_publish",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_SUMMARY),
        watch=unchanged(summary_state)),
    row("voices:summary_return",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_SUMMARY),
        watch=unchanged(summary_state)),
    # voices: Network staff and the Rapporteur (no role here is the Rapporteur)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("voices:staff_consultations",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("voices:staff_consultation", pk="consultation",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(key_messages)),
    row("voices:staff_message_edit", pk="consultation", message_pk="message",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(key_messages)),
    row("voices:staff_message_delete", pk="consultation", message_pk="message",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_CONSULTATION),
        watch=becomes(exists(KeyMessage, "message"), False)),
    row("voices:staff_sessions",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("voices:staff_session", slug="session",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(session_points)),
    row("voices:staff_point_edit", slug="session", point_pk="point",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(session_points)),
    row("voices:staff_point_delete", slug="session", point_pk="point",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_SESSION),
        watch=becomes(exists(SessionPoint, "point"), False)),
    row("voices:summary",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(summary_state)),
    row("voices:summary_submit",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_SUMMARY),
        watch=unchanged(summary_state)),
    # reports: public (not published yet) and focal points (circulated, comments open)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("reports:public",
        GET= PUBLIC,
        POST=NO_POST),
    row("reports:public_pdf",
        GET= everyone(404),
        POST=NO_POST),
    row("reports:my_report",
        GET= (SIGNIN,    403,       200,       200,       403,       403,       403),
        POST=(SIGNIN,    403,       400,       400,       403,       403,       403),
        watch=unchanged(comments)),
    row("reports:my_report_pdf",
        GET= (SIGNIN,    403,       200,       200,       403,       403,       403),
        POST=SIGNED_IN_NO_POST),
    # reports: Network staff
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("reports:staff",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("reports:section_add",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_REPORT),
        watch=unchanged(outline)),
    row("reports:section", pk="section",
        GET= staff_only(200),
        POST=staff_only(200),
        watch=unchanged(section_text)),
    row("reports:section_move", pk="section",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_REPORT),
        watch=Watch(outline, trends_down)),
    row("reports:section_delete", pk="section",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_REPORT),
        watch=Watch(outline, without_trends)),
    row("reports:quote_add", pk="section",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_SECTION),
        watch=unchanged(quotes)),
    row("reports:quote_remove", pk="section", quote_pk="quote",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_SECTION),
        watch=becomes(quotes, [])),
    row("reports:compile",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_NEW_JOB),
        watch=Watch(jobs, with_a_new_job)),
    row("reports:job", pk="job",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("reports:job_progress", pk="job",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("reports:job_retry", pk="job",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_NEW_JOB),
        watch=Watch(jobs, with_a_new_job)),
    row("reports:version_pdf", pk="version",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("reports:version_circulate", pk="version",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_REPORT),
        watch=unchanged(report_state)),
    row("reports:status",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_REPORT),
        watch=unchanged(report_state)),
    row("reports:staff_comments",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("reports:comment_address", pk="comment",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_COMMENTS),
        watch=unchanged(comments)),
    # rem13: reminders (issue 13, item 1) and the personal timeline's calendar feed (item 6)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("reminders:staff",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("reminders:unsubscribe", token="unsubscribe_token",
        GET= PUBLIC,
        POST=PUBLIC),
    row("timeline:calendar",
        GET= signed_in(200),
        POST=signed_in(200)),
    row("timeline:revoke",
        GET= SIGNED_IN_NO_POST,
        POST=signed_in(TO_CALENDAR)),
    row("timeline:feed", token="feed_token",
        GET= PUBLIC,
        POST=NO_POST),
    # sessions_app: public
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("sessions_app:home",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:programme",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:programme_ics",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:session", slug="session",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:objectives",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:documents",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:document_file", pk="document",
        GET= PUBLIC,
        POST=NO_POST),
    # news13: news items and the Atom feeds (one published item, "news_item")
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("news:list",
        GET= PUBLIC,
        POST=NO_POST),
    row("news:detail", slug="news_slug",
        GET= PUBLIC,
        POST=NO_POST),
    row("news:feed",
        GET= PUBLIC,
        POST=NO_POST),
    row("submissions:feed",
        GET= PUBLIC,
        POST=NO_POST),
    row("newsdesk:staff_list",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("newsdesk:staff_new",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(news_items)),
    row("newsdesk:staff_edit", pk="news_item",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(news_items)),
    row("newsdesk:staff_delete", pk="news_item",
        GET= STAFF_NO_POST,
        POST=staff_only(go("/staff/news/")),
        watch=becomes(news_items, [])),
]
# fmt: on

# survey13: the feedback survey. The world's meeting (March 2024) closed its survey long ago:
# the approved stakeholder reads that it is closed and cannot answer; the others may not answer.


def feedback_answers(world, user):
    from submissions.models import FeedbackRespondent, FeedbackResponse

    return FeedbackRespondent.objects.count(), FeedbackResponse.objects.count()


def feedback_invitations(world, user):
    from submissions.models import FeedbackInvitation

    return FeedbackInvitation.objects.count()


def feedback_window(world, user):
    kinds = (KeyDate.Kind.FEEDBACK_OPENS, KeyDate.Kind.FEEDBACK_CLOSES)
    return sorted(world["meeting"].key_dates.filter(kind__in=kinds).values_list("kind", "at"))


TO_FEEDBACK = go("/staff/feedback/")

# fmt: off
MATRIX += [
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("feedback:answer",
        GET= (SIGNIN,    200,       403,       403,       403,       403,       403),
        POST=(SIGNIN,    403,       403,       403,       403,       403,       403),
        watch=unchanged(feedback_answers)),
    row("feedback:staff_results",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    row("feedback:staff_send",
        GET= STAFF_NO_POST,
        POST=staff_only(TO_FEEDBACK),
        watch=unchanged(feedback_invitations)),
    row("feedback:staff_window",
        GET= STAFF_NO_POST,
        POST=staff_only(400),
        watch=unchanged(feedback_window)),
    row("feedback:staff_export",
        GET= staff_only(200),
        POST=STAFF_NO_POST),
    # prog13: programme versions (public changes and their feed; staff release page)
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("sessions_app:programme_changes",
        GET= PUBLIC,
        POST=NO_POST),
    row("sessions_app:programme_changes_feed",
        GET= PUBLIC,
        POST=NO_POST),
    row("programme_staff:staff_programme",
        GET= staff_only(200),
        POST=staff_only(400),
        watch=unchanged(programme_versions)),
]
# fmt: on

# django-allauth (accounts/): what it answers each role; the pages of a signed-in person send
# anonymous visitors to sign in, the sign-in and sign-up pages send signed-in people to /my/.
# The keys in links (e-mail confirmation, password reset) are wrong on purpose.
# fmt: off
ALLAUTH = [
    row("account_login",
        GET= (200,       TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY),
        POST=(200,       TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY)),
    row("account_logout",
        GET= (TO_HOME,   200,       200,       200,       200,       200,       200),
        POST=everyone(TO_HOME)),
    row("account_inactive",
        GET= PUBLIC,
        POST=NO_POST),
    row("account_signup",
        GET= (200,       TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY),
        POST=(200,       TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY)),
    row("account_reauthenticate",
        GET= signed_in(200),
        POST=signed_in(200)),
    row("account_request_reauthentication_code",
        GET= signed_in(200),
        POST=signed_in(200)),
    row("account_confirm_reauthentication_code",
        GET= signed_in(TO_CODE),
        POST=signed_in(TO_CODE)),
    row("account_email",
        GET= signed_in(200),
        POST=signed_in(TO_EMAILS)),
    row("account_email_verification_sent",
        GET= PUBLIC,
        POST=NO_POST),
    row("account_change_password",
        GET= signed_in(200),
        POST=signed_in(200)),
    row("account_set_password",
        GET= signed_in(TO_PASSWORD),
        POST=signed_in(TO_PASSWORD)),
    row("account_reset_password",
        GET= PUBLIC,
        POST=PUBLIC),
    row("account_confirm_login_code",
        GET= (TO_LOGIN,  TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY),
        POST=(TO_LOGIN,  TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY,     TO_MY)),
    row("account_confirm_email", key="bad_key",
        GET= PUBLIC,
        POST=everyone(404)),
    row("account_reset_password_from_key_done",
        GET= PUBLIC,
        POST=NO_POST),
    row("account_reset_password_from_key", uidb36="bad_uid", key="bad_key",
        GET= PUBLIC,
        POST=PUBLIC),
    row("account_reset_password_done",
        GET= PUBLIC,
        POST=NO_POST),
]
# fmt: on

# The Django admin ---------------------------------------------------------------------------
# For each registered model: what Network staff and the superuser may do with it there, and
# the world object its change, history and delete pages open. The rows follow one rule:
# anyone not staff is sent to the admin's sign-in; staff and the superuser get 200 where they
# may (changelist, change and history: view; add: add; delete: delete) and 403 elsewhere; the
# bare object address redirects to its change page. Some models are read-only in the admin
# even for the superuser (an append-only log, records made through the portal's workflows).
# fmt: off
ADMIN_MODELS = {
    # model                               staff              superuser          object
    "auth.group":                       ("",                "view add delete", "group"),
    "account.emailaddress":             ("",                "view add delete", "email_address"),
    "gcm_review.outgoingemail":         ("",                "view delete",     "outgoing_email"),
    "sessions_app.meeting":             ("view add",        "view add delete", "meeting"),
    "sessions_app.session":             ("view add",        "view add delete", "session_obj"),
    "sessions_app.gcmobjective":        ("",                "view add delete", "objective"),
    "sessions_app.guidingprinciple":    ("",                "view add delete", "principle"),
    "sessions_app.guidingquestion":     ("view add",        "view add delete", "question"),
    "sessions_app.document":            ("view add",        "view add delete", "document"),
    "sessions_app.newsitem":            ("view add delete", "view add delete", "news_item"),
    "registration.memberstate":         ("",                "view add delete", "armenia"),
    "registration.stakeholdercategory": ("",                "view add delete", "category"),
    "registration.user":                ("view",            "view add delete", "focal_a_user"),
    "registration.focalpoint":          ("view",            "view add delete", "letter"),
    "registration.registration":        ("view",            "view delete",     "registration"),
    "registration.logisticsnote":       ("view",            "view add delete", "logistics_note"),
    "registration.call":                ("view add",        "view add delete", "call"),
    "registration.expressionofinterest":("view",            "view delete",     "state_expression"),
    "registration.sideeventcall":       ("view add",        "view add delete", "side_event_call"),
    "registration.sideevent":           ("view",            "view delete",     "side_event"),
    "reports.reminderrule":             ("view add",        "view add delete", "reminder_rule"),
    "submissions.submission":           ("view",            "view",            "submission"),
    "submissions.answer":               ("view",            "view",            "answer"),
    "submissions.consultation":         ("view add delete", "view add delete", "consultation"),
    "submissions.gcmtalk":              ("view add delete", "view add delete", "talk"),
    "submissions.discussionthread":     ("view",            "view",            "thread_obj"),
    "submissions.keymessage":           ("view",            "view",            "message"),
    "submissions.sessionpoint":         ("view",            "view",            "point"),
}
ADMIN_MODEL_PAGES = ("changelist", "add", "change", "history", "delete", "<object_id>/")
NOT_STAFF = (ADMIN_SIGNIN,) * 5  # anonymous, stakeholder, focal points A and B, pending
TO_SIGNIN = go("/accounts/login/?next=%2Fadmin%2Flogin%2F")
TO_ADMIN = go("/admin/")
ON_SITE = go("http://testserver/submissions/{submission}/")

# The admin's other pages. Exports and imports of personal data are for the data managers
# (tests/registration/test_permissions.py): plain staff get 403. The sign-in page is allauth's.
ADMIN_SITE = [
    #         anonymous  stakeh.    focal A    focal B    pending    staff      superuser
    row("admin:index",
        GET= NOT_STAFF + (200,   200)),
    row("admin:login",
        GET= (TO_SIGNIN, 403,       403,       403,       403,       TO_ADMIN,  TO_ADMIN)),
    row("admin:logout",
        GET= (TO_ADMIN,  TO_ADMIN,  TO_ADMIN,  TO_ADMIN,  TO_ADMIN,  405,       405)),
    row("admin:password_change",
        GET= NOT_STAFF + (200,   200)),
    row("admin:password_change_done",
        GET= NOT_STAFF + (200,   200)),
    row("admin:autocomplete",
        GET= NOT_STAFF + (403,   403)),
    row("admin:jsi18n",
        GET= NOT_STAFF + (200,   200)),
    row("admin:view_on_site", content_type_id="submission_type", object_id="submission",
        GET= NOT_STAFF + (ON_SITE, ON_SITE)),
    row("admin:app_list", app_label="app_label",
        GET= NOT_STAFF + (200,   200)),
    row("admin/(?P<url>.*)$", url="no_such_admin_page",
        GET= NOT_STAFF + (404,   404)),
    row("admin:auth_user_password_change", id="focal_a_user",
        GET= NOT_STAFF + (403,   200)),
    row("admin:registration_user_export",
        GET= NOT_STAFF + (403,   200)),
    row("admin:registration_registration_export",
        GET= NOT_STAFF + (403,   200)),
    row("admin:registration_expressionofinterest_export",
        GET= NOT_STAFF + (403,   200)),
    row("admin:submissions_answer_export",
        GET= NOT_STAFF + (403,   200)),
    row("admin:registration_focalpoint_import",
        GET= NOT_STAFF + (403,   200)),
    row("admin:registration_focalpoint_process_import",  # a POST-only step of the import
        GET= NOT_STAFF + (405,   405)),
]
# fmt: on


def admin_model_rows(model: str, staff: str, superuser: str, obj: str) -> list[Row]:
    app_label, model_name = model.split(".")
    may = {STAFF: set(staff.split()), SUPERUSER: set(superuser.split())}
    need = {"changelist": "view", "add": "add", "change": "view", "history": "view"}
    need["delete"] = "delete"
    rows = []
    for page in ADMIN_MODEL_PAGES:
        if page == "<object_id>/":
            change = f"/admin/{app_label}/{model_name}/{{{obj}}}/change/"
            answers = (go(change), go(change))
            name = f"admin/{app_label}/{model_name}/<path:object_id>/"
        else:
            answers = tuple(200 if need[page] in may[role] else 403 for role in (STAFF, SUPERUSER))
            name = f"admin:{app_label}_{model_name}_{page}"
        kwargs = {} if page in ("changelist", "add") else {"object_id": obj}
        post = NOT_STAFF + answers if page in ("add", "delete") else None
        rows.append(Row(name, NOT_STAFF + answers, post, kwargs))
    return rows


ADMIN = ADMIN_SITE + [
    admin_row
    for model, (staff, superuser, obj) in ADMIN_MODELS.items()
    for admin_row in admin_model_rows(model, staff, superuser, obj)
]

ROWS = MATRIX + ALLAUTH + ADMIN


# The world ---------------------------------------------------------------------------------


def pdf(label: str) -> bytes:
    """A small PDF whose bytes say whose it is."""
    return pdf_document(title=label)


LETTER_A, LETTER_B = pdf("nomination letter of Armenia"), pdf("nomination letter of Portugal")
CV_STAKEHOLDER = pdf("CV of Sofia Stakeholder")
ATTACHMENT_A = pdf("attachment of Armenia")
REPORT_PDF = pdf("summary report, version 1")
ARMENIA_ANSWER = "The confidential draft answer of Armenia."
ARMENIA_COMMENT = "Armenia asks for data on remittances."
PORTUGAL_COMMENT = "Portugal asks for a word on regular pathways."
ARMENIA_POST = "A post of Armenia, awaiting moderation."


def _windows_open(meeting, now):
    """Registration opened yesterday and closes in a month; written inputs are due in a week."""
    dates = {
        KeyDate.Kind.REGISTRATION_OPENS: now - datetime.timedelta(days=1),
        KeyDate.Kind.REGISTRATION_CLOSES: now + datetime.timedelta(days=30),
        KeyDate.Kind.WRITTEN_INPUTS_DUE: now + datetime.timedelta(days=7),
    }
    for kind, at in dates.items():
        meeting.key_dates.filter(kind=kind).update(at=at)


def _people() -> dict:
    """The roles: the same people as the fixtures of tests/conftest.py, plus the pending
    registrant and a superuser."""
    civil_society = StakeholderCategory.objects.get(slug="civil_society")
    italy = MemberState.objects.get(iso_alpha3="ITA")
    stakeholder = make_user(
        "sofia@example.org",
        full_name="Sofia Stakeholder",
        organisation="Migrant Voices",
        stakeholder_category=civil_society,
        country=italy,
        gender="woman",
    )
    pending = make_user(
        "paula@example.org",
        full_name="Paula Pending",
        organisation="Diaspora Link",
        stakeholder_category=civil_society,
        country=italy,
        gender="woman",
    )
    staff = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Network staff"))
    superuser = make_user(
        "root@un.example.org", full_name="Root Superuser", is_staff=True, is_superuser=True
    )
    return {
        ANONYMOUS: None,
        STAKEHOLDER: stakeholder,
        FOCAL_A: _focal_point("anahit@mfa.example.am", "ARM", "Anahit Focal"),
        FOCAL_B: _focal_point("pedro@mne.example.pt", "PRT", "Pedro Focal"),
        PENDING: pending,
        STAFF: staff,
        SUPERUSER: superuser,
    }


def _letter(user, iso3: str, content: bytes) -> FocalPoint:
    """The focal point's nomination letter, applied for and verified the way staff do it."""
    staff = Group.objects.get(name="Network staff").user_set.get()
    FocalPoint.objects.filter(user=user).delete()
    record = accounts_services.focal_point_apply(
        user=user,
        member_state=MemberState.objects.get(iso_alpha3=iso3),
        letter=SimpleUploadedFile("letter.pdf", content, content_type="application/pdf"),
    )
    return accounts_services.focal_point_decide(focal_point=record, by=staff, verify=True)


def _registrations(meeting, users) -> Registration:
    choices = {
        "parts": Registration.Parts.BOTH,
        "attendance": Registration.Attendance.IN_PERSON,
        "consent_privacy": True,
        "consent_public_list": True,
    }
    approved = registration_services.registration_submit(
        user=users[STAKEHOLDER], meeting=meeting, profile={}, choices=choices
    )
    registration_services.registrations_decide(
        registration_ids=[approved.pk], action="approve", by=users[STAFF]
    )
    return registration_services.registration_submit(
        user=users[PENDING], meeting=meeting, profile={}, choices=choices
    )


def _expressions(meeting, users) -> dict:
    calls = calls_open(meeting)
    session2 = thematic(meeting, 2)
    moderator = speakers_services.expression_submit(
        call=calls[Call.Role.MODERATOR],
        user=users[STAKEHOLDER],
        data={
            "motivation": "Why me.",
            "expertise": "Objectives I know.",
            "session": session2,
            "cv": SimpleUploadedFile("cv.pdf", CV_STAKEHOLDER, content_type="application/pdf"),
        },
    )
    selection.expression_note_save(
        expression=moderator, note="Seen at the 2020 review.", by=users[STAFF]
    )
    keynote = speakers_services.expression_submit(
        call=calls[Call.Role.KEYNOTE],
        user=users[FOCAL_A],
        data={
            "speaker_name": "H.E. Speaker",
            "speaker_title": "Minister",
            "gender": "woman",
            "session": session2,
            "summary": "What the speaker would present.",
        },
    )
    return {
        "expression": moderator.pk,
        "state_expression": keynote.pk,
        "call": calls[Call.Role.MODERATOR].pk,
        "role": calls[Call.Role.KEYNOTE].url_slug,
    }


def _armenia_draft(meeting, users) -> dict:
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    draft = submission_services.submission_get_or_create(meeting=meeting, member_state=armenia)
    submission_services.submission_save(
        submission=draft,
        by=users[FOCAL_A],
        version=draft.version,
        language="en",
        answers={"a": {"text": f"<p>{ARMENIA_ANSWER}</p>", "objectives": []}},
        cooperation={},
    )
    attachment = submission_services.attachment_add(
        submission=draft,
        by=users[FOCAL_A],
        upload=SimpleUploadedFile("armenia-plan.pdf", ATTACHMENT_A, content_type="application/pdf"),
    )
    extension_request = ExtensionRequest.objects.create(
        meeting=meeting,
        member_state=armenia,
        requested_by=users[FOCAL_A],
        reason="Our ministry's review takes two more weeks.",
        until_wished=meeting.date,
    )
    return {
        "submission": draft.pk,
        "revision": 1,
        "attachment": attachment.pk,
        "extension_request": extension_request.pk,
        "answer": draft.answers.order_by("pk").first().pk,
        "submission_type": ContentType.objects.get_for_model(Submission).pk,
    }


def _side_events(meeting, users, now) -> dict:
    """The call open; an approved side event next week with 30 seats; a pending proposal."""
    call, _created = SideEventCall.objects.update_or_create(
        meeting=meeting,
        defaults={
            "opens_at": now - datetime.timedelta(days=1),
            "closes_at": now + datetime.timedelta(days=7),
        },
    )
    fields = {
        "meeting": meeting,
        "proposer": users[STAKEHOLDER],
        "organisers": "Migrant Voices",
        "starts_at": now + datetime.timedelta(days=7),
        "ends_at": now + datetime.timedelta(days=7, hours=1),
        "venue": SideEvent.Venue.ROOM,
        "room": "Room XXIV",
        "description": "<p>About it.</p>",
        "sign_up": SideEvent.SignUp.PORTAL,
        "seats": 30,
    }
    approved = SideEvent.objects.create(
        title="Care work", status=SideEvent.Status.APPROVED, **fields
    )
    pending = SideEvent.objects.create(title="Proposed", **fields)
    return {"side_event_call": call.pk, "side_event": approved.pk, "pending_side_event": pending.pk}


def _voices(meeting, users, now) -> dict:
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    thread = DiscussionThread.objects.get(meeting=meeting, slug="session-3")
    post = DiscussionPost.objects.create(
        thread=thread, author=users[FOCAL_A], text=ARMENIA_POST, language="en"
    )
    DiscussionPost.objects.create(
        thread=thread,
        author=users[STAKEHOLDER],
        text="Published.",
        language="en",
        status=DiscussionPost.Status.APPROVED,
    )
    past = Consultation.objects.create(
        meeting=meeting,
        number=1,
        title="First Multi-stakeholder Consultation",
        starts_at=meeting.at(-40, datetime.time(14, 0)),
        ends_at=meeting.at(-40, datetime.time(16, 0)),
        format=Consultation.Format.ONLINE,
        location="Zoom",
    )
    upcoming = Consultation.objects.create(
        meeting=meeting,
        number=2,
        title="Second Multi-stakeholder Consultation",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=3),
        format=Consultation.Format.IN_PERSON,
        location="Palais des Nations",
    )
    voices_services.consultation_register(consultation=upcoming, user=users[STAKEHOLDER])
    voices_services.summary_get_or_create(meeting=meeting)
    session3 = thematic(meeting, 3)
    objective = GCMObjective.objects.get(number=16)
    message = voices_services.key_message_save(
        consultation=past,
        by=users[STAFF],
        kind=KeyMessage.Kind.KEY_MESSAGE,
        text="Regular pathways matter.",
        session=session3,
        objectives=[objective],
    )
    point = voices_services.session_point_save(
        session=session3,
        by=users[STAFF],
        kind=SessionPoint.Kind.KEY_POINT,
        text="Inclusion works.",
        objectives=[objective],
        raised_by_state=MemberState.objects.get(iso_alpha3="PRT"),
    )
    talk = GCMTalk.objects.create(
        meeting=meeting,
        title="GCM Talk on labour mobility",
        held_on=meeting.date - datetime.timedelta(days=30),
        format=GCMTalk.Format.ONLINE,
        summary="<p>Talked.</p>",
    )
    return {
        "post": post.pk,
        "thread": thread.slug,
        "thread_obj": thread.pk,
        "consultation": past.pk,
        "upcoming": upcoming.pk,
        "message": message.pk,
        "session": session3.slug,
        "session_obj": session3.pk,
        "point": point.pk,
        "talk": talk.pk,
    }


def _report(meeting, users, now) -> dict:
    report = report_services.report_get_or_create(meeting=meeting)
    data, html = report_services.report_document(report=report, with_compendium=False, number=1)
    version = ReportVersion(
        report=report, number=1, html=html, data=data, page_count=1, seconds=0.1
    )  # as a compile makes it, without WeasyPrint's seconds: the PDF is a stand-in
    version.pdf.save("summary-report-v1.pdf", ContentFile(REPORT_PDF), save=False)
    version.save()
    report_circulation.version_circulate(
        version=version, by=users[STAFF], comments_close_at=now + datetime.timedelta(days=10)
    )
    report.refresh_from_db()
    commented = report.sections.get(title="Participation")
    comment = report_circulation.comment_add(
        report=report, section=commented, by=users[FOCAL_A], body=ARMENIA_COMMENT
    )
    report_circulation.comment_add(
        report=report, section=commented, by=users[FOCAL_B], body=PORTUGAL_COMMENT
    )
    trends = report.sections.get(title="Regional trends")
    quote = report_services.quote_add(
        section=trends, text="Inclusion works.", source="Thematic session 3"
    )
    failed = CompileJob.objects.create(
        report=report, status=CompileJob.Status.FAILED, error="WeasyPrint ran out of memory."
    )
    return {
        "version": version.pk,
        "comment": comment.pk,
        "section": trends.pk,
        "quote": quote.pk,
        "job": failed.pk,
    }


def _news(meeting) -> dict:  # news13
    item = news_services.news_item_save(
        meeting=meeting,
        by=None,
        fields={"title": "Registration is open", "body": "<p>Register.</p>", "status": "published"},
    )
    return {"news_item": item.pk, "news_slug": item.slug}


def _build_world() -> dict:
    call_command("seed", stdout=io.StringIO())
    meeting = Meeting.objects.get(slug="unece-2024")
    now = timezone.now()
    _windows_open(meeting, now)
    users = _people()
    letter = _letter(users[FOCAL_A], "ARM", LETTER_A)
    letter_b = _letter(users[FOCAL_B], "PRT", LETTER_B)
    registration = _registrations(meeting, users)
    document = Document.objects.create(
        meeting=meeting,
        kind=Document.Kind.BACKGROUND_NOTE,
        title="Background note",
        file=ContentFile(pdf("background note"), name="background-note.pdf"),
    )
    ids = {
        "letter": letter.pk,
        "letter_b": letter_b.pk,
        "registration": registration.pk,
        "document": document.pk,
        **_expressions(meeting, users),
        **_armenia_draft(meeting, users),
        **_voices(meeting, users, now),
        **_side_events(meeting, users, now),
        **_report(meeting, users, now),
        **_news(meeting),
        **_reminders(users),
        # the admin's objects
        "group": Group.objects.get(name="Network staff").pk,
        "email_address": EmailAddress.objects.get(user=users[FOCAL_A]).pk,
        "outgoing_email": OutgoingEmail.objects.order_by("pk").first().pk,
        "meeting": meeting.pk,
        "objective": GCMObjective.objects.get(number=16).pk,
        "principle": GuidingPrinciple.objects.order_by("pk").first().pk,
        "question": meeting.guiding_questions.order_by("letter").first().pk,
        "armenia": MemberState.objects.get(iso_alpha3="ARM").pk,
        "category": StakeholderCategory.objects.get(slug="civil_society").pk,
        "focal_a_user": users[FOCAL_A].pk,
        "logistics_note": LogisticsNote.objects.get(meeting=meeting).pk,
        "app_label": "registration",
        "no_such_admin_page": "no-such-page/",
        # allauth's links, with wrong keys
        "bad_key": "not-a-key",
        "bad_uid": "zz",
    }
    return {"users": users, "ids": ids, "meeting": meeting, "sessions": _sessions(users)}


def _reminders(users) -> dict:
    """rem13: a reminder rule, an unsubscribe link and focal point A's calendar feed."""
    return {
        "reminder_rule": ReminderRule.objects.order_by("pk").first().pk,
        "unsubscribe_token": unsubscribe_token(user=users[FOCAL_A], window="discussion_closes"),
        "feed_token": calendar_feed_regenerate(user=users[FOCAL_A]),
    }


def _sessions(users) -> dict:
    """A signed-in session per role, made once: a case sends its role's session cookie."""
    keys = {}
    for role, user in users.items():
        keys[role] = None
        if user is not None:
            client = Client()
            client.force_login(user)
            keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The people and objects above, built once for the module inside a transaction that is
    rolled back when the module is done; each test runs in a savepoint of it."""
    overrides = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    overrides.enable()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    atomic = transaction.atomic()
    try:
        with django_db_blocker.unblock():
            atomic.__enter__()
            try:
                built = _build_world()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
    finally:
        celery_app.conf.task_always_eager = eager
        overrides.disable()


@pytest.fixture(autouse=True)
def media_root(world):
    """Replaces the conftest's per-test media directory: the world's files live in its own."""


# Discovering the URL patterns --------------------------------------------------------------


def url_patterns(patterns=None, prefix: str = "", namespaces: tuple = ()):
    """(key, route) of every pattern; the key is "namespace:name", or the route if unnamed
    (the routes of ``i18n_patterns`` as in the default language, without a prefix)."""
    if patterns is None:
        with translation.override(settings.LANGUAGE_CODE):
            yield from url_patterns(get_resolver().url_patterns, prefix, namespaces)
        return
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield (":".join((*namespaces, pattern.name)) if pattern.name else route), route


def path_of(entry: Row, world: dict) -> str:
    kwargs = {argument: world["ids"][key] for argument, key in entry.kwargs.items()}
    if "/" not in entry.name:
        return reverse(entry.name, kwargs=kwargs)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), entry.name)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), path)
    return "/" + path.replace("^", "").replace("$", "")


# The tests ---------------------------------------------------------------------------------


def test_every_url_pattern_has_a_row_and_every_row_a_pattern():
    discovered = [key for key, _route in url_patterns()]
    listed = [entry.name for entry in ROWS]
    assert {
        "patterns without a row": sorted(set(discovered) - set(listed)),
        "rows without a pattern": sorted(set(listed) - set(discovered)),
        "rows listed twice": sorted({name for name in listed if listed.count(name) > 1}),
    } == {"patterns without a row": [], "rows without a pattern": [], "rows listed twice": []}


CASES = [
    pytest.param(entry, method, id=f"{entry.name} {method}")
    for entry in ROWS
    for method in ("GET", "POST")
    if getattr(entry, method) is not None
]


@pytest.fixture(scope="module")
def browser(world):
    """One test client for the module: its handler (and WhiteNoise's scan of the static files)
    is built once. Each request carries only the session cookie of the role asking."""
    return Client()


def ask(browser, world: dict, role: str, method: str, path: str, data=None):
    """``role``'s request: a GET, or a POST of ``data`` (an empty body by default)."""
    browser.cookies = SimpleCookie()
    if world["sessions"][role]:
        browser.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
    response = browser.get(path) if method == "GET" else browser.post(path, data or {})
    # A download is read to its end, which closes the file.
    response.body = b"".join(response.streaming_content) if response.streaming else response.content
    return response


@pytest.mark.parametrize("entry, method", CASES)
def test_each_role_gets_the_expected_answer(world, browser, entry, method):
    """One row, one method: every role's answer (and, for a watched POST, what the database
    holds after it), each role's request in a savepoint rolled back after it."""
    path = path_of(entry, world)
    watch = entry.watch if method == "POST" else None
    observed, expected = {}, {}
    for role, outcome in zip(ROLES, getattr(entry, method), strict=True):
        user = world["users"][role]
        with transaction.atomic():
            before = watch.read(world, user) if watch else None
            response = ask(browser, world, role, method, path)
            observed[role] = observed_answer(response)
            expected[role] = expected_answer(outcome, path, world)
            if watch:
                observed[role] += (watch.read(world, user),)
                refused = outcome in REFUSALS
                expected[role] += (before if refused else watch.after(before, world, user),)
            transaction.set_rollback(True)
    assert observed == expected


# Object level: what state B's focal point gets of state A's things, and who downloads files ---


def answers_of(world, browser, method, path, **request):
    """{role: (status, Location, body)} for each role asking ``path``."""
    answers = {}
    for role in ROLES:
        with transaction.atomic():
            response = ask(browser, world, role, method, path, **request)
            answers[role] = (response.status_code, response.get("Location"), response.body)
            transaction.set_rollback(True)
    return answers


def downloads(world, browser, path: str, content: bytes) -> dict:
    """{role: (status, Location, whether the body is exactly the file ``content``)}."""
    return {
        role: (status, location, body == content)
        for role, (status, location, body) in answers_of(world, browser, "GET", path).items()
    }


def only(path: str, *roles) -> dict:
    """What ``downloads`` gives when only ``roles`` get the file: anonymous visitors are sent
    to sign in, everyone else signed in gets 404, as for a missing id."""
    refused = {ANONYMOUS: (302, f"/accounts/login/?next={path}", False)}
    return {
        role: (200, None, True) if role in roles else refused.get(role, (404, None, False))
        for role in ROLES
    }


def armenia(world) -> Submission:
    return Submission.objects.get(pk=world["ids"]["submission"])


def armenia_snapshot(world) -> dict:
    submission = armenia(world)
    return {
        "status": submission.status,
        "version": submission.version,
        "answers": sorted(submission.answers.values_list("question__letter", "text")),
        "attachments": sorted(submission.attachments.values_list("name", flat=True)),
        "revisions": submission.revisions.count(),
    }


def test_focal_point_b_cannot_read_state_a_draft(world, browser):
    submission = world["ids"]["submission"]
    pages = [
        ("/my/submission/", 200),
        (f"/submissions/{submission}/", 404),
        (f"/submissions/{submission}/pdf/", 404),
        (f"/staff/submissions/{submission}/", 403),
        (f"/staff/submissions/{submission}/revisions/1/", 403),
        ("/submissions/", 200),
        ("/submissions.json", 200),
        ("/submissions.csv", 200),
        ("/submissions/coverage/", 200),
        (f"/admin/submissions/submission/{submission}/change/", 302),
        (f"/admin/submissions/answer/{world['ids']['answer']}/change/", 302),
    ]
    seen = {}
    for path, _status in pages:
        response = ask(browser, world, FOCAL_B, "GET", path)
        seen[path] = (response.status_code, ARMENIA_ANSWER.encode() in response.body)
    assert seen == {path: (status, False) for path, status in pages}
    # Focal point B's own page is Portugal's input; Armenia's focal point does read the draft.
    own = ask(browser, world, FOCAL_B, "GET", "/my/submission/")
    assert own.context["submission"].member_state.iso_alpha3 == "PRT"
    draft = ask(browser, world, FOCAL_A, "GET", f"/submissions/{submission}/")
    assert (draft.status_code, ARMENIA_ANSWER.encode() in draft.body) == (200, True)


def test_focal_point_b_cannot_change_state_a_draft(world, browser):
    submission = world["ids"]["submission"]
    attachment = world["ids"]["attachment"]
    before = armenia_snapshot(world)
    own_page = ask(browser, world, FOCAL_B, "GET", "/my/submission/")
    forged_answer = {
        "version": own_page.context["submission"].version,
        "language": "en",
        **{f"answer_{letter}": "<p>Forged by Portugal.</p>" for letter in "abcde"},
    }
    upload = SimpleUploadedFile("forged.pdf", pdf("forged"), content_type="application/pdf")
    forged = [
        ("/my/submission/", forged_answer),
        ("/my/submission/submit/", {"version": before["version"]}),
        ("/my/submission/withdraw/", {}),
        ("/my/submission/reopen/", {}),
        ("/my/submission/attachments/", {"file": upload}),
        (f"/my/submission/attachments/{attachment}/delete/", {}),
        (f"/staff/submissions/{submission}/publish/", {}),
        (f"/staff/submissions/{submission}/return/", {"comment": "Forged."}),
        (f"/staff/submissions/{submission}/withdraw/", {}),
        (f"/admin/submissions/submission/{submission}/delete/", {"post": "yes"}),
    ]
    answers = {}
    for path, data in forged:
        response = ask(browser, world, FOCAL_B, "POST", path, data=data)
        answers[path] = response.status_code
    assert answers == {
        "/my/submission/": 302,  # saved: Portugal's own input
        "/my/submission/submit/": 302,  # Portugal's own input, not complete
        "/my/submission/withdraw/": 302,  # Portugal's own input
        "/my/submission/reopen/": 302,  # Portugal's own input
        "/my/submission/attachments/": 302,  # attached to Portugal's own input
        f"/my/submission/attachments/{attachment}/delete/": 404,
        f"/staff/submissions/{submission}/publish/": 403,
        f"/staff/submissions/{submission}/return/": 403,
        f"/staff/submissions/{submission}/withdraw/": 403,
        f"/admin/submissions/submission/{submission}/delete/": 302,  # to the admin's sign-in
    }
    assert armenia_snapshot(world) == before
    portugal = Submission.objects.get(member_state__iso_alpha3="PRT")
    assert (
        portugal.answers.get(question__letter="a").text,
        list(portugal.attachments.values_list("name", flat=True)),
    ) == ("<p>Forged by Portugal.</p>", ["forged.pdf"])


def test_focal_point_b_cannot_download_state_a_attachment(world, browser):
    path = f"/attachments/{world['ids']['attachment']}/"
    assert downloads(world, browser, path, ATTACHMENT_A) == only(path, FOCAL_A, STAFF, SUPERUSER)


def test_focal_point_b_cannot_see_state_a_report_comments(world, browser):
    def comment_bodies(role):
        response = ask(browser, world, role, "GET", "/my/report/")
        assert response.status_code == 200
        return [c.body for section in response.context["sections"] for c in section.comment_list]

    assert comment_bodies(FOCAL_B) == [PORTUGAL_COMMENT]
    assert comment_bodies(FOCAL_A) == [ARMENIA_COMMENT]
    page = ask(browser, world, FOCAL_B, "GET", "/my/report/").body
    assert (ARMENIA_COMMENT.encode() in page, PORTUGAL_COMMENT.encode() in page) == (False, True)
    staff_page = ask(browser, world, FOCAL_B, "GET", "/staff/report/comments/")
    assert (staff_page.status_code, ARMENIA_COMMENT.encode() in staff_page.body) == (403, False)

    before = comments(world, None)
    comment = world["ids"]["comment"]
    forged = ask(
        browser,
        world,
        FOCAL_B,
        "POST",
        f"/staff/report/comments/{comment}/address/",
        data={"addressed": "on"},
    )
    assert forged.status_code == 403
    section = ReportComment.objects.get(pk=comment).section_id
    sent = ask(
        browser, world, FOCAL_B, "POST", "/my/report/", data={"section": section, "body": "New."}
    )
    assert (sent.status_code, sent["Location"]) == (302, "/my/report/")
    # B's comment is Portugal's whatever B sends; Armenia's comment is as it was.
    assert comments(world, None) == sorted([*before, ("PRT", "New.", False)])


def test_focal_point_b_cannot_see_state_a_pending_discussion_post(world, browser):
    post = world["ids"]["post"]
    seen = {
        role: ARMENIA_POST.encode()
        in ask(browser, world, role, "GET", "/discussion/session-3/").body
        for role in ROLES
    }
    assert seen == {
        ANONYMOUS: False,
        STAKEHOLDER: False,
        FOCAL_A: True,
        FOCAL_B: False,
        PENDING: False,
        STAFF: True,
        SUPERUSER: True,
    }
    flagged = ask(browser, world, FOCAL_B, "POST", f"/discussion/posts/{post}/flag/")
    assert (flagged.status_code, DiscussionFlag.objects.filter(post_id=post).count()) == (404, 0)


def test_only_owner_and_staff_download_cv(world, browser):
    path = f"/apply/{world['ids']['expression']}/cv/"
    cv = downloads(world, browser, path, CV_STAKEHOLDER)
    assert cv == only(path, STAKEHOLDER, STAFF, SUPERUSER)


def test_only_owner_and_staff_download_nomination_letter(world, browser):
    path_a = f"/nomination-letters/{world['ids']['letter']}/"
    path_b = f"/nomination-letters/{world['ids']['letter_b']}/"
    assert {
        FOCAL_A: downloads(world, browser, path_a, LETTER_A),
        FOCAL_B: downloads(world, browser, path_b, LETTER_B),
    } == {
        FOCAL_A: only(path_a, FOCAL_A, STAFF, SUPERUSER),
        FOCAL_B: only(path_b, FOCAL_B, STAFF, SUPERUSER),
    }
