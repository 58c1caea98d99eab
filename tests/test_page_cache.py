"""Public pages served to anonymous visitors from the page cache (gcm_review.page_cache): a
second visit costs no query and gets the same bytes, a change made the way staff make it
shows at once, in every language; signed-in people never get the anonymous copy; a reload
answers 304 and answers are compressed.

The tests use the cache of the settings (Redis with REDIS_URL), emptied before each test."""

import datetime
import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcm_review import page_cache
from registration.models import Registration
from registration.services import registrations_decide
from sessions_app.models import Document, Session
from sessions_app.news.services import news_item_save
from submissions.models import DiscussionThread
from submissions.voices.discussion import services as discussion
from tests.conftest import make_user
from tests.registration.test_queries import registrations_create

LANGUAGES = ["", "/fr", "/ru"]
# Every public page whose address needs no object of a test's own (the written inputs and
# the report have theirs in tests/submissions and tests/reports).
PAGES = [
    "/",
    "/programme/",
    "/programme/session-3/",
    "/programme.ics",
    "/objectives/",
    "/documents/",
    "/participants/",
    "/submissions/",
    "/submissions/coverage/",
    "/submissions/data/",
    "/submissions.json",
    "/submissions.csv",
    "/discussion/",
    "/discussion/session-3/",
    "/report/",
    "/news/",
    "/news.atom",
    "/submissions.atom",
    "/programme/side-events/",
    "/programme/side-events.ics",
    "/programme/changes/",
    "/programme/changes.atom",
]


def cached_twice(client, django_assert_num_queries, url):
    """The page built, then served again from the cache: its bytes, both times the same."""
    first = client.get(url)
    assert first.status_code == 200, url
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    return again.content.decode("utf-8-sig")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_a_second_anonymous_visit_costs_no_query(
    client, seeded, django_assert_num_queries, language, path
):
    response_body = cached_twice(client, django_assert_num_queries, language + path)
    assert response_body
    assert "Cookie" in client.get(language + path)["Vary"]


def test_pages_differ_by_language(client, seeded):
    english, french = client.get("/programme/").content, client.get("/fr/programme/").content
    assert english != french
    assert client.get("/programme/").content == english


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_renamed_session_shows_at_once(client, meeting, django_assert_num_queries, language):
    url = f"{language}/programme/session-3/"
    cached_twice(client, django_assert_num_queries, url)
    cached_twice(client, django_assert_num_queries, f"{language}/programme/")
    session = Session.objects.get(meeting=meeting, slug="session-3")
    session.title = session.title_fr = session.title_ru = "Renamed thematic session"
    session.save()  # what the admin's save does

    assert "Renamed thematic session" in client.get(url).content.decode()
    assert "Renamed thematic session" in client.get(f"{language}/programme/").content.decode()
    assert "Renamed thematic session" in client.get(f"{language}/programme.ics").content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_added_document_shows_at_once(client, meeting, django_assert_num_queries, language):
    url = f"{language}/documents/"
    cached_twice(client, django_assert_num_queries, url)
    Document.objects.create(
        meeting=meeting,
        kind=Document.Kind.MEETING,
        title="A fresh information note",
        title_fr="A fresh information note",
        title_ru="A fresh information note",
        url="https://example.org/note.pdf",
    )
    assert "A fresh information note" in client.get(url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_approved_participant_shows_at_once(
    client, meeting, staff_user, django_assert_num_queries, language
):
    (registration,) = registrations_create(meeting, 1, "listed", consent_public_list=True)
    url = f"{language}/participants/"
    assert "Listed 0" not in cached_twice(client, django_assert_num_queries, url)
    registrations_decide(registration_ids=[registration.pk], action="approve", by=staff_user)

    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.APPROVED
    assert "Listed 0" in client.get(url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_approved_discussion_post_shows_at_once(
    client, meeting, stakeholder, staff_user, django_assert_num_queries, language
):
    now = timezone.now()
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    thread = DiscussionThread.objects.get(meeting=meeting, slug="session-3")
    post = discussion.post_create(
        thread=thread, author=stakeholder, text="Remittances matter.", language="en"
    )
    url = f"{language}/discussion/session-3/"
    assert "Remittances matter." not in cached_twice(client, django_assert_num_queries, url)
    threads = cached_twice(client, django_assert_num_queries, f"{language}/discussion/")
    discussion.post_approve(post=post, by=staff_user)

    assert "Remittances matter." in client.get(url).content.decode()
    assert client.get(f"{language}/discussion/").content.decode() != threads  # a post counted


def test_signed_in_people_never_get_the_anonymous_copy(client_of, stakeholder, seeded):
    anonymous = client_of(None).get("/programme/").content
    signed_in = client_of(stakeholder).get("/programme/").content
    assert b"Sign out" in signed_in and b"Sign out" not in anonymous
    # and what was built for a signed-in person is not kept for anyone
    assert b"Sign out" not in client_of(None).get("/programme/").content


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 404)
    return len(queries)


def test_a_visitor_with_messages_waiting_gets_the_page_built(client, seeded):
    client.get("/programme/")
    assert queries_of(client, "/programme/") == 0
    client.cookies["messages"] = "anything"
    assert queries_of(client, "/programme/") > 0


@pytest.mark.parametrize("path", ["/programme/?utm_source=mail", "/programme/no-such-session/"])
def test_query_strings_and_errors_are_not_stored(client, seeded, path):
    client.get(path)
    assert queries_of(client, path) > 0


def test_the_setting_at_0_turns_the_cache_off(client, seeded, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/programme/")
    assert queries_of(client, "/programme/") > 0


def test_a_sign_in_alone_does_not_change_the_version(seeded, stakeholder):
    version = page_cache.content_version()
    stakeholder.last_login = timezone.now()
    stakeholder.save(update_fields=["last_login"])
    assert page_cache.content_version() == version
    stakeholder.full_name = "Sofia Renamed"
    stakeholder.save()
    assert page_cache.content_version() != version


def test_saving_a_user_changes_the_version(seeded):
    version = page_cache.content_version()
    make_user("new@example.org")
    assert page_cache.content_version() != version  # people are what /participants/ lists


@pytest.mark.parametrize("path", ["/", "/programme/", "/submissions/"])
def test_a_reload_answers_304(client, seeded, path):
    first = client.get(path)
    etag = first["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    # the same with the copy from the cache, and with the weak ETag of a compressed answer
    zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert zipped["ETag"] == f"W/{etag}"
    again = client.get(path, headers={"If-None-Match": zipped["ETag"], "Accept-Encoding": "gzip"})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/programme/", "text/html"),
        ("/programme.ics", "text/calendar"),
    ],
)
def test_answers_are_compressed_for_clients_that_accept_gzip(client, seeded, path, content_type):
    plain = client.get(path)
    bodies = []
    for _visit in range(3):  # built, then from the cache
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert zipped["Content-Encoding"] == "gzip"
        assert zipped["Content-Type"].startswith(content_type)
        assert gzip.decompress(zipped.content) == plain.content
        assert "Accept-Encoding" in zipped["Vary"]
        bodies.append(zipped.content)
    assert "Content-Encoding" not in plain
    assert bodies[1] == bodies[2]  # the cached page was compressed once


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_news_item_shows_at_once(
    client, meeting, staff_user, django_assert_num_queries, language
):
    pages = [f"{language}/", f"{language}/news/", f"{language}/news.atom"]
    for url in pages:
        cached_twice(client, django_assert_num_queries, url)
    news_item_save(
        meeting=meeting,
        by=staff_user,
        fields={
            "title": "Registration extended",
            "body": "<p>Two more days.</p>",
            "status": "published",
        },
    )
    assert ["Registration extended" in client.get(url).content.decode() for url in pages] == [
        True,
        True,
        True,
    ]
