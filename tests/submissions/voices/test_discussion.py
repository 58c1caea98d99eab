"""The Discussion Space: posting, pre-moderation, rejection, flagging, closed threads, the rate
limit, replies one level deep, inert HTML, and constant query counts."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import dateformat, timezone

from submissions.models import DiscussionFlag, DiscussionPost
from submissions.voices.discussion import services
from tests.html import texts

from .pages import by_class, errors, post_texts

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")
EN = "j F Y, H:i"  # the English DATETIME_FORMAT (gcm_review/formats/en)
RUSSIAN = "Нужны легальные пути для трудовых мигрантов."


def approved(thread, author, body="A published post.", **fields):
    post = DiscussionPost.objects.create(
        thread=thread, author=author, text=body, language="en", **fields
    )
    post.status = DiscussionPost.Status.APPROVED
    post.save(update_fields=["status"])
    return post


# Posting and pre-moderation -----------------------------------------------------------------


def test_stakeholder_posts_in_russian_and_the_post_waits_for_moderation(
    client_of, stakeholder, thread3
):
    response = client_of(stakeholder).post(
        "/ru/discussion/session-3/", {"text": RUSSIAN, "language": "ru"}
    )
    post = DiscussionPost.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        f"/ru/discussion/session-3/#post-{post.pk}",
    )
    assert (post.thread, post.author, post.language, post.text, post.status, post.parent) == (
        thread3,
        stakeholder,
        "ru",
        RUSSIAN,
        "pending",
        None,
    )


def test_focal_point_posts_and_replies_one_level_deep(
    client_of, focal_point_a, stakeholder, thread3
):
    parent = approved(thread3, stakeholder)
    client = client_of(focal_point_a)
    client.post(
        "/discussion/session-3/",
        {"text": "Armenia agrees.", "language": "fr", "parent": parent.pk},
    )
    reply = DiscussionPost.objects.get(author=focal_point_a)
    assert (reply.parent, reply.language, reply.status) == (parent, "fr", "pending")
    approved_reply = approved(thread3, stakeholder, "An approved reply.", parent=parent)
    response = client.post(
        "/discussion/session-3/",
        {"text": "A reply to a reply.", "language": "en", "parent": approved_reply.pk},
    )
    assert response.status_code == 400
    assert errors(response) == ["You can reply only to a published post of this thread."]
    assert DiscussionPost.objects.filter(text="A reply to a reply.").count() == 0


def test_a_reply_to_a_pending_post_is_refused(client_of, stakeholder, other_stakeholder, thread3):
    pending = DiscussionPost.objects.create(
        thread=thread3, author=stakeholder, text="Waiting.", language="en"
    )
    response = client_of(other_stakeholder).post(
        "/discussion/session-3/", {"text": "Me too.", "language": "en", "parent": pending.pk}
    )
    assert response.status_code == 400
    assert DiscussionPost.objects.count() == 1
    assert "Me too." in response.content.decode()  # the text stays in the form


def test_pending_post_is_seen_by_its_author_and_staff_only(
    client_of, stakeholder, other_stakeholder, focal_point_a, staff_user, thread3
):
    approved(thread3, other_stakeholder, "Already public.")
    DiscussionPost.objects.create(thread=thread3, author=stakeholder, text=RUSSIAN, language="ru")
    seen = {
        role: post_texts(client_of(user).get("/discussion/session-3/"))
        for role, user in (
            ("anonymous", None),
            ("author", stakeholder),
            ("other stakeholder", other_stakeholder),
            ("focal point", focal_point_a),
            ("staff", staff_user),
        )
    }
    assert seen == {
        "anonymous": ["Already public."],
        "author": ["Already public.", RUSSIAN],
        "other stakeholder": ["Already public."],
        "focal point": ["Already public."],
        "staff": ["Already public.", RUSSIAN],
    }


def test_staff_approve_and_the_post_shows_to_the_public(
    client_of, stakeholder, staff_user, thread3
):
    post = DiscussionPost.objects.create(
        thread=thread3, author=stakeholder, text=RUSSIAN, language="ru"
    )
    response = client_of(staff_user).post(f"/staff/moderation/{post.pk}/approve/")
    assert (response.status_code, response["Location"]) == (302, "/staff/moderation/")
    post.refresh_from_db()
    assert (post.status, post.moderated_by) == ("approved", staff_user)
    public = client_of(None).get("/discussion/session-3/")
    assert post_texts(public) == [RUSSIAN]
    listing = client_of(None).get("/discussion/")
    assert [t for t in texts(listing.content, "li") if t.startswith("Thematic session 3")] == [
        "Thematic session 3 GCM objectives 14, 15, 16, 19, 20, 22 Open until "
        + _date(thread3.closes_at)
        + " · 1 post"
    ]


def test_published_count_on_the_thread_list(client_of, stakeholder, thread3):
    approved(thread3, stakeholder)
    approved(thread3, stakeholder)
    DiscussionPost.objects.create(thread=thread3, author=stakeholder, text="x", language="en")
    response = client_of(None).get("/discussion/")
    session3 = [t for t in texts(response.content, "li") if t.startswith("Thematic session 3")]
    assert len(session3) == 1
    assert session3[0].endswith("· 2 posts")


def test_rejection_with_reason_is_shown_to_the_author_and_mailed(
    client_of,
    stakeholder,
    other_stakeholder,
    staff_user,
    thread3,
    django_capture_on_commit_callbacks,
):
    post = DiscussionPost.objects.create(
        thread=thread3, author=stakeholder, text="Off topic.", language="en"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(staff_user).post(
            f"/staff/moderation/{post.pk}/reject/",
            {f"post-{post.pk}-reason": "Not about session 3."},
        )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.status, post.rejection_reason) == ("rejected", "Not about session 3.")

    page = client_of(stakeholder).get("/discussion/session-3/")
    assert [t for t in texts(page.content, "p") if t.startswith("Not published")] == [
        "Not published. Reason given by Network staff: Not about session 3."
    ]
    mine = client_of(stakeholder).get("/discussion/mine/")
    assert [t for t in texts(mine.content, "td") if t.startswith("Rejected")] == [
        "Rejected Reason: Not about session 3."
    ]
    assert post_texts(client_of(other_stakeholder).get("/discussion/session-3/")) == []
    assert [m.to for m in mail.outbox] == [["sofia@example.org"]]
    assert "Not about session 3." in mail.outbox[0].body


def test_rejection_needs_a_reason_and_keeps_the_post_pending(
    client_of, stakeholder, staff_user, thread3
):
    post = DiscussionPost.objects.create(
        thread=thread3, author=stakeholder, text="Hello.", language="en"
    )
    response = client_of(staff_user).post(
        f"/staff/moderation/{post.pk}/reject/", {f"post-{post.pk}-reason": "  "}
    )
    assert response.status_code == 400
    assert "Give the author a reason for the rejection." in response.content.decode()
    post.refresh_from_db()
    assert post.status == "pending"


# Flagging -----------------------------------------------------------------------------------


def test_anyone_signed_in_flags_a_published_post_once(
    client_of, stakeholder, focal_point_b, staff_user, thread3
):
    post = approved(thread3, stakeholder)
    client = client_of(focal_point_b)
    response = client.post(f"/discussion/posts/{post.pk}/flag/", {"reason": "Insulting."})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/discussion/session-3/#post-{post.pk}",
    )
    client.get("/discussion/")  # shows (and uses up) the thank-you message
    again = client.post(f"/discussion/posts/{post.pk}/flag/", {"reason": "Still."}, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["You have already flagged this post."]
    assert list(DiscussionFlag.objects.values_list("user__email", "reason")) == [
        ("pedro@mne.example.pt", "Insulting.")
    ]
    queue = client_of(staff_user).get("/staff/moderation/")
    assert by_class(queue.content, "dd", "count") == ["0", "1"]


def test_anonymous_cannot_flag_and_pending_posts_cannot_be_flagged(
    client_of, stakeholder, other_stakeholder, thread3
):
    published = approved(thread3, stakeholder)
    pending = DiscussionPost.objects.create(
        thread=thread3, author=stakeholder, text="Waiting.", language="en"
    )
    anonymous = client_of(None).post(f"/discussion/posts/{published.pk}/flag/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    hidden = client_of(other_stakeholder).post(f"/discussion/posts/{pending.pk}/flag/")
    assert hidden.status_code == 404
    own = client_of(stakeholder).post(f"/discussion/posts/{published.pk}/flag/", follow=True)
    assert [str(m) for m in own.context["messages"]] == ["You cannot flag your own post."]
    assert DiscussionFlag.objects.count() == 0


def test_staff_keep_a_flagged_post_or_take_it_down(
    client_of, stakeholder, other_stakeholder, staff_user, thread3
):
    kept, removed = approved(thread3, stakeholder, "Kept."), approved(thread3, stakeholder, "Gone.")
    for post in (kept, removed):
        services.post_flag(post=post, by=other_stakeholder, reason="Check")
    staff = client_of(staff_user)
    staff.post(f"/staff/moderation/{kept.pk}/keep/")
    staff.post(f"/staff/moderation/{removed.pk}/reject/", {f"post-{removed.pk}-reason": "Spam."})
    kept.refresh_from_db()
    removed.refresh_from_db()
    assert (kept.status, removed.status) == ("approved", "rejected")
    assert DiscussionFlag.objects.filter(resolved_at__isnull=True).count() == 0
    assert by_class(staff.get("/staff/moderation/").content, "dd", "count") == ["0", "0"]
    assert post_texts(client_of(None).get("/discussion/session-3/")) == ["Kept."]


# Closed threads, the rate limit, bad input ----------------------------------------------------


def test_closed_thread_refuses_posts_even_forged(client_of, stakeholder, thread3):
    thread3.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    thread3.save(update_fields=["closes_at"])
    page = client_of(stakeholder).get("/discussion/session-3/")
    assert 'name="text"' not in page.content.decode()  # no form on a closed thread
    assert "This thread is closed: it no longer accepts posts." in texts(page.content, "p")
    forged = client_of(stakeholder).post(
        "/discussion/session-3/", {"text": "Sneaking in.", "language": "en"}
    )
    assert forged.status_code == 400
    body = forged.content.decode()
    assert errors(forged) == [
        f"This thread closed on {dateformat.format(thread3.closes_at.astimezone(ZURICH), EN)}: "
        "it no longer accepts posts."
    ]
    assert "Sneaking in." in body  # the text is not lost
    assert DiscussionPost.objects.count() == 0


def test_thread_not_yet_open_refuses_posts(client_of, stakeholder, thread3):
    thread3.opens_at = timezone.now() + datetime.timedelta(days=2)
    thread3.save(update_fields=["opens_at"])
    response = client_of(stakeholder).post(
        "/discussion/session-3/", {"text": "Too early.", "language": "en"}
    )
    assert response.status_code == 400
    assert errors(response) == [
        f"This thread opens on {dateformat.format(thread3.opens_at.astimezone(ZURICH), EN)}; "
        "posts are accepted from then."
    ]
    assert DiscussionPost.objects.count() == 0


def test_a_closed_thread_gives_its_date_as_the_language_writes_it(client_of, stakeholder, thread3):
    thread3.opens_at = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)
    thread3.closes_at = datetime.datetime(2026, 12, 1, 17, 30, tzinfo=datetime.UTC)
    thread3.save(update_fields=["opens_at", "closes_at"])
    response = client_of(stakeholder).post(
        "/ru/discussion/session-3/", {"text": "Поздно.", "language": "ru"}
    )
    assert errors(response) == [
        "Эта тема обсуждения закрыта 1 декабря 2026 г. 18:30: новые сообщения больше не "
        "принимаются."
    ]


def test_the_eleventh_post_in_a_minute_is_refused_with_a_message(client_of, stakeholder, thread3):
    client = client_of(stakeholder)
    statuses = [
        client.post("/discussion/session-3/", {"text": f"Post {n}", "language": "en"}).status_code
        for n in range(1, 11)
    ]
    eleventh = client.post("/discussion/session-3/", {"text": "Post 11", "language": "en"})
    assert statuses == [302] * 10
    assert eleventh.status_code == 400
    assert errors(eleventh) == [
        "You have posted 10 times in the last minute, the most the Discussion Space accepts. "
        "Wait a minute, then post again."
    ]
    assert ">Post 11</textarea>" in eleventh.content.decode()
    assert DiscussionPost.objects.filter(author=stakeholder).count() == 10


def test_the_rate_limit_counts_in_the_database_over_the_last_minute(stakeholder, thread3):
    now = timezone.now()
    for n in range(10):
        DiscussionPost.objects.create(
            thread=thread3,
            author=stakeholder,
            text=f"Old {n}",
            language="en",
            created_at=now - datetime.timedelta(seconds=61),
        )
    post = services.post_create(thread=thread3, author=stakeholder, text="Fresh", language="en")
    assert post.status == "pending"


def test_staff_do_not_post(client_of, staff_user, thread3):
    response = client_of(staff_user).post(
        "/discussion/session-3/", {"text": "Staff voice.", "language": "en"}
    )
    assert response.status_code == 403
    assert DiscussionPost.objects.count() == 0


def test_an_empty_post_or_an_unknown_language_is_refused_with_a_message(
    client_of, stakeholder, thread3
):
    client = client_of(stakeholder)
    empty = client.post("/discussion/session-3/", {"text": "   ", "language": "en"})
    unknown = client.post("/discussion/session-3/", {"text": "Hallo.", "language": "de"})
    assert (empty.status_code, unknown.status_code) == (400, 400)
    assert errors(empty) == ["Write something before posting."]
    assert errors(unknown) == ["Select a valid choice. de is not one of the available choices."]
    assert ">Hallo.</textarea>" in unknown.content.decode()
    assert DiscussionPost.objects.count() == 0


XSS = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert('x')\">click</a>",
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_in_posts_are_rendered_inert(
    client_of, stakeholder, staff_user, thread3, payload
):
    post = approved(thread3, stakeholder, f"Line one\n{payload}")
    DiscussionPost.objects.create(
        thread=thread3, author=stakeholder, text=payload, language="en", parent=post
    )
    pages = [
        client_of(None).get("/discussion/session-3/"),
        client_of(stakeholder).get("/discussion/session-3/"),
        client_of(stakeholder).get("/discussion/mine/"),
        client_of(staff_user).get("/staff/moderation/"),
        client_of(staff_user).get("/staff/inputs/"),
    ]
    for page in pages:
        body = page.content.decode()
        assert payload not in body
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "<svg" not in body and 'href="javascript:' not in body
    public = pages[0].content.decode()
    assert f"<p>Line one<br>{_escaped(payload)}</p>" in public
    assert post_texts(pages[0]) == [f"Line one{payload}"]


def _date(moment) -> str:
    """A moment as the pages show dates: DATE_FORMAT, in the meeting's time zone."""
    import zoneinfo

    from django.utils.formats import date_format

    return date_format(moment.astimezone(zoneinfo.ZoneInfo("Europe/Zurich")), "DATE_FORMAT")


def _escaped(value: str) -> str:
    from django.utils.html import escape

    return escape(value)


# Query counts -------------------------------------------------------------------------------


def _posts_with_replies(thread, author, replier, count):
    for n in range(count):
        post = approved(thread, author, f"Post {n}")
        approved(thread, replier, f"Reply {n}", parent=post)
        services.post_flag(post=post, by=replier)
        DiscussionPost.objects.create(
            thread=thread, author=replier, text=f"Wait {n}", language="ru"
        )


@pytest.mark.parametrize("count", [1, 3])
def test_thread_page_queries_do_not_grow_with_posts(
    client_of, stakeholder, other_stakeholder, thread3, django_assert_num_queries, count
):
    _posts_with_replies(thread3, stakeholder, other_stakeholder, count)
    client = client_of(other_stakeholder)
    client.get("/discussion/session-3/")
    with django_assert_num_queries(8):
        response = client.get("/discussion/session-3/")
    assert len(post_texts(response)) == 3 * count


@pytest.mark.parametrize("count", [1, 3])
def test_moderation_queue_queries_do_not_grow_with_posts(
    client_of, stakeholder, other_stakeholder, staff_user, thread3, django_assert_num_queries, count
):
    _posts_with_replies(thread3, stakeholder, other_stakeholder, count)
    client = client_of(staff_user)
    client.get("/staff/moderation/")
    with django_assert_num_queries(7):
        response = client.get("/staff/moderation/")
    assert by_class(response.content, "dd", "count") == [str(count), str(count)]
