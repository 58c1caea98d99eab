"""Reminder rules: each reminder once per person, rule and occurrence, to the right people only,
in their language, with an unsubscribe link for optional ones; and /staff/reminders/."""

import datetime
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from gcm_review.models import OutgoingEmail
from registration.models import MemberState, Registration
from reports.reminders import services
from reports.reminders.models import ReminderOptOut, ReminderRule, ReminderSent
from sessions_app.models import KeyDate
from submissions.models import DiscussionThread, Submission
from tests.conftest import make_user


def due_in(meeting, kind, days):
    meeting.key_dates.filter(kind=kind).update(
        at=timezone.now() + datetime.timedelta(days=days, minutes=1)
    )


def register(meeting, email, status, **fields):
    user = make_user(email, **fields)
    Registration.objects.create(
        meeting=meeting,
        user=user,
        parts="both",
        attendance="online",
        consent_privacy=True,
        status=status,
    )
    return user


def send(capture):
    with capture(execute=True):
        return services.reminders_send()


def test_seed_creates_a_rule_for_every_window(meeting):
    assert sorted(set(ReminderRule.objects.values_list("window", flat=True))) == [
        "call_closes",
        "discussion_closes",
        "registration_closes",
        "report_comments_close",
        "report_due",
        "written_inputs_due",
    ]


def test_focal_points_whose_state_has_not_submitted_are_reminded_once_in_their_language(
    meeting, focal_point_a, focal_point_b, django_capture_on_commit_callbacks
):
    focal_point_a.preferred_language = "fr"
    focal_point_a.save()
    Submission.objects.create(
        meeting=meeting,
        member_state=MemberState.objects.get(iso_alpha3="PRT"),
        status=Submission.Status.SUBMITTED,
    )
    due_in(meeting, KeyDate.Kind.WRITTEN_INPUTS_DUE, 7)
    assert (send(django_capture_on_commit_callbacks), send(django_capture_on_commit_callbacks)) == (
        1,
        0,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [focal_point_a.email],
            "[Examen régional du Pacte mondial sur les migrations] "
            "Date limite de remise des contributions écrites dans 7 jours",
        )
    ]
    assert "/fr/my/submission/" in mail.outbox[0].body


def test_only_pending_registrants_are_reminded_that_registration_closes(
    meeting, django_capture_on_commit_callbacks
):
    pending = register(meeting, "paula@example.org", Registration.Status.PENDING)
    register(meeting, "amy@example.org", Registration.Status.APPROVED)
    due_in(meeting, KeyDate.Kind.REGISTRATION_CLOSES, 2)
    assert send(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[pending.email]]
    assert "unsubscribe" not in mail.outbox[0].body


def test_no_reminder_on_a_day_without_a_rule_or_after_the_deadline(
    meeting, django_capture_on_commit_callbacks
):
    register(meeting, "paula@example.org", Registration.Status.PENDING)
    due_in(meeting, KeyDate.Kind.REGISTRATION_CLOSES, 3)
    assert send(django_capture_on_commit_callbacks) == 0
    due_in(meeting, KeyDate.Kind.REGISTRATION_CLOSES, -1)
    assert send(django_capture_on_commit_callbacks) == 0


def test_an_inactive_rule_sends_nothing(meeting, django_capture_on_commit_callbacks):
    register(meeting, "paula@example.org", Registration.Status.PENDING)
    due_in(meeting, KeyDate.Kind.REGISTRATION_CLOSES, 2)
    ReminderRule.objects.filter(window="registration_closes").update(active=False)
    assert send(django_capture_on_commit_callbacks) == 0


def discussion_closes_in(meeting, days):
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() + datetime.timedelta(days=days, minutes=1),
    )


def test_optional_reminder_carries_an_unsubscribe_link_that_is_honoured(
    meeting, client_of, django_capture_on_commit_callbacks
):
    amy = register(meeting, "amy@example.org", Registration.Status.APPROVED)
    discussion_closes_in(meeting, 3)
    assert send(django_capture_on_commit_callbacks) == 1
    link = re.search(r"https?://[^/]+(/reminders/unsubscribe/\S+/)", mail.outbox[0].body)
    client = client_of(None)
    page = client.get(link[1])
    assert (page.status_code, ReminderOptOut.objects.count()) == (200, 0)
    done = client.post(link[1])
    assert done.status_code == 200
    assert list(ReminderOptOut.objects.values_list("user", "window")) == [
        (amy.pk, "discussion_closes")
    ]
    ReminderRule.objects.create(
        window="discussion_closes",
        audience="approved_participants",
        days_before=1,
        optional=True,
    )
    discussion_closes_in(meeting, 1)
    assert send(django_capture_on_commit_callbacks) == 0


def test_a_tampered_unsubscribe_token_is_404(client_of, meeting):
    user = make_user("amy@example.org")
    token = services.unsubscribe_token(user=user, window="discussion_closes")
    assert client_of(None).get(f"/reminders/unsubscribe/{token}x/").status_code == 404
    assert client_of(None).post("/reminders/unsubscribe/<script>/").status_code == 404
    assert ReminderOptOut.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_reminder_once(monkeypatch):
    """Both senders read the same audience before either writes: the unique constraint, not
    the read, keeps the second from sending."""
    from django.core.management import call_command

    call_command("seed", verbosity=0)
    from sessions_app.models import Meeting

    meeting = Meeting.objects.get(slug="unece-2024")
    people = [register(meeting, f"p{n}@example.org", Registration.Status.PENDING) for n in range(3)]
    due_in(meeting, KeyDate.Kind.REGISTRATION_CLOSES, 2)
    both_read = threading.Barrier(2, timeout=20)
    original = services.recipients

    def recipients_then_wait(**kwargs):
        read = list(original(**kwargs).values_list("pk", flat=True))
        both_read.wait()
        return original(**kwargs).model.objects.filter(pk__in=read)

    monkeypatch.setattr(services, "recipients", recipients_then_wait)
    results = []

    def sender():
        try:
            results.append(services.reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3  # each person by one sender or the other, never by both
    assert ReminderSent.objects.count() == 3
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted(
        p.email for p in people
    )


def test_staff_page_lists_counts_and_whats_next(
    meeting, staff_user, client_of, django_capture_on_commit_callbacks
):
    register(meeting, "paula@example.org", Registration.Status.PENDING)
    due_in(meeting, KeyDate.Kind.REGISTRATION_CLOSES, 7)
    send(django_capture_on_commit_callbacks)
    response = client_of(staff_user).get("/staff/reminders/")
    assert response.status_code == 200
    counts = {
        (r.window, r.days_before): r.sent_count
        for r in response.context["rules"]
        if r.window == "registration_closes"
    }
    assert counts == {("registration_closes", 7): 1, ("registration_closes", 2): 0}
    next_up = [
        (s.rule.window, s.rule.days_before, s.audience_size)
        for s in response.context["scheduled"]
        if s.rule.window == "registration_closes"
    ]
    assert next_up == [("registration_closes", 7, 0), ("registration_closes", 2, 1)]


@pytest.mark.parametrize("sent", [1, 3])
def test_staff_page_queries_do_not_grow_with_reminders_sent(
    meeting, staff_user, client_of, django_assert_num_queries, sent
):
    rule = ReminderRule.objects.get(window="report_due", days_before=14)
    for n in range(sent):
        ReminderSent.objects.create(rule=rule, user=make_user(f"s{n}@example.org"), occurrence="x")
    client = client_of(staff_user)
    client.get("/staff/reminders/")
    with django_assert_num_queries(QUERIES):
        client.get("/staff/reminders/")


QUERIES = 21


def test_only_selected_speakers_who_have_not_answered_are_reminded(
    meeting, staff_user, django_capture_on_commit_callbacks
):
    from registration.models import Call
    from tests.registration.speakers import (
        apply,
        calls_open,
        confirmed,
        offer,
        select_and_tell,
        stakeholder_of,
        thematic,
    )
    from tests.registration.speakers import focal_point as focal_point_of

    calls = calls_open(meeting)
    waiting = stakeholder_of("wait@example.org", iso3="ITA", category="civil_society")
    answered = stakeholder_of("done@example.org", iso3="FRA", category="academia")
    armenia = focal_point_of("ARM")
    with django_capture_on_commit_callbacks(execute=True):
        select_and_tell(
            apply(calls, waiting, Call.Role.MODERATOR, session=thematic(meeting, 1)), staff_user
        )
        confirmed(
            apply(calls, answered, Call.Role.MODERATOR, session=thematic(meeting, 2)),
            staff_user,
            answered,
        )
        select_and_tell(offer(calls, armenia, Call.Role.CO_CHAIR), staff_user)
    mail.outbox.clear()
    meeting.calls.update(closes_at=timezone.now() + datetime.timedelta(days=2, minutes=1))
    assert send(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [armenia.email, waiting.email]


def test_only_focal_points_of_states_without_comments_are_reminded(
    meeting, staff_user, focal_point_a, focal_point_b, django_capture_on_commit_callbacks
):
    from reports.models import Report, ReportComment, ReportVersion

    report = Report.objects.create(
        meeting=meeting,
        title="Summary report",
        status=Report.Status.CIRCULATED,
        comments_close_at=timezone.now() + datetime.timedelta(days=7, minutes=1),
    )
    version = ReportVersion.objects.create(
        report=report, number=1, html="", data={}, page_count=1, seconds=0.1
    )
    section = report.sections.create(order=1, title="Introduction")
    ReportComment.objects.create(
        version=version,
        section=section,
        member_state=MemberState.objects.get(iso_alpha3="PRT"),
        author=focal_point_b,
        body="A comment.",
    )
    Report.objects.filter(pk=report.pk).update(circulated_version=version)
    assert send(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[focal_point_a.email]]


def test_my_data_holds_the_reminders_sent_and_stopped(
    meeting, client_of, django_capture_on_commit_callbacks
):
    amy = register(meeting, "amy@example.org", Registration.Status.APPROVED)
    discussion_closes_in(meeting, 3)
    send(django_capture_on_commit_callbacks)
    services.reminder_opt_out(user=amy, window="discussion_closes")
    data = client_of(amy).get("/my/data.json").json()["reminders"]
    assert [(s["deadline"], s["days_before"]) for s in data["sent"]] == [("discussion_closes", 3)]
    assert data["stopped"] == ["discussion_closes"]
