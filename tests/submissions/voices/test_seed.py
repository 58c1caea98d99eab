"""`seed` gives the 2024 meeting its Discussion Space threads; `seed --demo` opens them."""

import datetime
import io
import zoneinfo

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from gcm_review.personal_data import personal_data_export
from submissions.models import DiscussionPost, DiscussionThread
from submissions.voices import services

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def test_seed_creates_one_thread_per_guiding_question_and_thematic_session(meeting):
    threads = DiscussionThread.objects.filter(meeting=meeting).order_by("slug")
    assert [(t.slug, t.question_id is not None, t.session_id is not None) for t in threads] == [
        ("question-a", True, False),
        ("question-b", True, False),
        ("question-c", True, False),
        ("question-d", True, False),
        ("question-e", True, False),
        ("session-1", False, True),
        ("session-2", False, True),
        ("session-3", False, True),
        ("session-4", False, True),
    ]
    assert {(t.opens_at.astimezone(ZURICH), t.closes_at.astimezone(ZURICH)) for t in threads} == {
        (
            datetime.datetime(2024, 1, 15, 9, 0, tzinfo=ZURICH),
            datetime.datetime(2024, 3, 18, 23, 59, tzinfo=ZURICH),
        )
    }


def test_seed_is_idempotent_and_keeps_dates_staff_edited(meeting):
    thread = DiscussionThread.objects.get(meeting=meeting, slug="question-c")
    edited = datetime.datetime(2024, 4, 1, 12, 0, tzinfo=ZURICH)
    thread.closes_at = edited
    thread.save()
    output = io.StringIO()
    call_command("seed", stdout=output)
    assert "discussion threads: 0" in output.getvalue()
    assert DiscussionThread.objects.filter(meeting=meeting).count() == 9
    thread.refresh_from_db()
    assert thread.closes_at == edited


def test_seed_demo_opens_every_thread(meeting):
    output = io.StringIO()
    call_command("seed", "--demo", stdout=output)
    now = timezone.now()
    threads = DiscussionThread.objects.filter(meeting=meeting)
    assert [t.is_open(now) for t in threads] == [True] * 9
    assert "Demo: the Discussion Space threads are open likewise." in output.getvalue()


def test_network_staff_may_manage_consultations_and_talks_in_the_admin(meeting):
    codenames = set(
        Group.objects.get(name="Network staff")
        .permissions.filter(content_type__app_label="submissions")
        .values_list("codename", flat=True)
    )
    assert set(services.STAFF_PERMISSIONS) <= codenames


def test_personal_data_export_includes_posts(stakeholder, meeting):
    thread = DiscussionThread.objects.get(meeting=meeting, slug="session-2")
    DiscussionPost.objects.create(thread=thread, author=stakeholder, text="Mine.", language="fr")
    export = personal_data_export(stakeholder)
    assert [
        (p["thread"], p["text"], p["language"], p["status"]) for p in export["discussion_posts"]
    ] == [("session-2", "Mine.", "fr", "pending")]
    assert export["consultation_registrations"] == []


def test_deleting_the_account_keeps_posts_as_by_a_former_participant(
    stakeholder, other_stakeholder, meeting
):
    from registration.accounts.services import user_delete
    from submissions.models import DiscussionFlag

    thread = DiscussionThread.objects.get(meeting=meeting, slug="session-2")
    post = DiscussionPost.objects.create(
        thread=thread, author=stakeholder, text="Mine.", language="fr", status="approved"
    )
    DiscussionFlag.objects.create(post=post, user=other_stakeholder)
    user_delete(user=stakeholder)
    user_delete(user=other_stakeholder)
    post.refresh_from_db()
    assert (post.author, post.author_name, post.text) == (None, "Former participant", "Mine.")
    assert DiscussionFlag.objects.count() == 0
