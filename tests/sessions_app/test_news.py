"""News items: staff write and publish them; the public reads the published ones on the home
page (the latest three), at /news/ and /news/<slug>/, and follows them in an Atom feed in
the page's language."""

import datetime
import re

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from gcm_review.models import AuditEntry
from sessions_app.models import NewsItem
from sessions_app.news import services

FEED_LINK = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">'
)


def news_make(meeting, title, *, days_ago=1, status=NewsItem.Status.PUBLISHED, **fields):
    """An item published ``days_ago`` days ago (negative: later)."""
    return services.news_item_save(
        meeting=meeting,
        by=None,
        fields={
            "title": title,
            "body": f"<p>About {title}.</p>",
            "status": status,
            "published_at": timezone.now() - datetime.timedelta(days=days_ago),
            **fields,
        },
    )


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(**fields) -> dict:
    data = dict.fromkeys(services.FIELDS, "")
    return {**data, "status": "draft", **fields}


def test_home_shows_the_three_latest_public_items_only(client, meeting):
    for days in range(1, 6):
        news_make(meeting, f"Item {days}", days_ago=days)
    news_make(meeting, "Still a draft", status=NewsItem.Status.DRAFT)
    news_make(meeting, "Later", days_ago=-2)
    response = client.get("/")
    assert [item.title for item in response.context["news"]] == ["Item 1", "Item 2", "Item 3"]
    content = response.content.decode()
    assert "Still a draft" not in content and "Later" not in content
    assert FEED_LINK.findall(content) == ["/news.atom"]


def test_home_without_news_has_no_news_section(client, meeting):
    assert 'id="latest-news"' not in client.get("/").content.decode()


def test_news_list_is_paginated_newest_first(client, meeting):
    for days in range(1, 13):
        news_make(meeting, f"Item {days:02d}", days_ago=days)
    first = client.get("/news/")
    second = client.get("/news/?page=2")
    assert [i.title for i in first.context["page"]] == [f"Item {d:02d}" for d in range(1, 11)]
    assert [i.title for i in second.context["page"]] == ["Item 11", "Item 12"]
    assert FEED_LINK.findall(first.content.decode()) == ["/news.atom"]


@pytest.mark.parametrize("n", [1, 3])
def test_news_list_queries_do_not_grow_with_items(client, meeting, django_assert_num_queries, n):
    for days in range(n):
        news_make(meeting, f"Item {days}", days_ago=days + 1)
    # meeting, count, items
    with django_assert_num_queries(3):
        response = client.get("/news/")
    assert len(response.context["page"]) == n


def test_an_item_is_shown_in_the_page_language_with_english_as_fallback(client, meeting):
    item = news_make(
        meeting,
        "Registration is open",
        title_fr="Les inscriptions sont ouvertes",
        body_fr="<p>Inscrivez-vous.</p>",
    )
    assert item.slug == "registration-is-open"
    french = client.get("/fr/news/registration-is-open/").content.decode()
    russian = client.get("/ru/news/registration-is-open/").content.decode()
    assert ("Les inscriptions sont ouvertes" in french, "Inscrivez-vous." in french) == (True, True)
    assert ("Registration is open" in russian, "About Registration is open." in russian) == (
        True,
        True,
    )
    assert FEED_LINK.findall(french) == ["/fr/news.atom"]
    # a text shown in English on a French or Russian page says so
    assert '<h1 id="news-title" lang="fr">' in french
    assert '<h1 id="news-title" lang="en">' in russian
    assert '<div class="rich-text" lang="en">' in russian


def test_a_draft_or_later_item_is_not_found(client, meeting):
    news_make(meeting, "Draft", status=NewsItem.Status.DRAFT)
    news_make(meeting, "Later", days_ago=-1)
    assert [client.get(f"/news/{slug}/").status_code for slug in ("draft", "later")] == [404, 404]


def test_the_news_feed_is_valid_atom_with_public_items_in_the_page_language(client, meeting):
    news_make(meeting, "Older", days_ago=3)
    news_make(meeting, "Newer", days_ago=1, title_fr="Plus récent", body_fr="<p>En bref.</p>")
    news_make(meeting, "Draft", status=NewsItem.Status.DRAFT)
    english = client.get("/news.atom")
    french = client.get("/fr/news.atom")
    assert english["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed, feed_fr = feedparser.parse(english.content), feedparser.parse(french.content)
    assert (feed.bozo, feed.version, feed_fr.bozo) == (False, "atom10", False)
    assert [e.title for e in feed.entries] == ["Newer", "Older"]
    assert [e.title for e in feed_fr.entries] == ["Plus récent", "Older"]
    assert feed_fr.feed.language == "fr"
    assert feed_fr.feed.title == "Examen régional du PMM : actualités"
    assert [e.link for e in feed_fr.entries] == [
        "http://127.0.0.1:8000/fr/news/newer/",
        "http://127.0.0.1:8000/fr/news/older/",
    ]
    # an entry keeps its id whatever the language; its text comes whole
    assert [e.id for e in feed_fr.entries] == [e.id for e in feed.entries]
    assert feed_fr.entries[0].summary == "<p>En bref.</p>"


def test_an_empty_news_feed_is_valid(client, meeting):
    feed = feedparser.parse(client.get("/ru/news.atom").content)
    assert (feed.bozo, feed.version, feed.entries, feed.feed.language) == (
        False,
        "atom10",
        [],
        "ru",
    )


def test_staff_write_a_draft_then_publish_it(meeting, staff_user):
    staff = staff_client(staff_user)
    data = form_data(title="Side events call", body="<p>Propose one.</p><script>x()</script>")
    response = staff.post("/staff/news/new/", data)
    assert (response.status_code, response["Location"]) == (302, "/staff/news/")
    item = NewsItem.objects.get()
    assert (item.slug, item.body, item.status, item.published_at) == (
        "side-events-call",
        "<p>Propose one.</p>",
        "draft",
        None,
    )
    assert Client().get("/news/side-events-call/").status_code == 404
    response = staff.post(f"/staff/news/{item.pk}/", {**data, "status": "published"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.published_at is not None, item.updated_by) == (
        "published",
        True,
        staff_user,
    )
    assert Client().get("/news/side-events-call/").status_code == 200
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.PUBLICATION)
    assert list(entries.values_list("target_label", "detail", "actor")) == [
        ("Side events call", {"news_item": "published"}, staff_user.pk)
    ]


def test_staff_list_shows_drafts_first(meeting, staff_user):
    news_make(meeting, "Published one")
    news_make(meeting, "A draft", status=NewsItem.Status.DRAFT)
    response = staff_client(staff_user).get("/staff/news/")
    assert [item.title for item in response.context["items"]] == ["A draft", "Published one"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "", "body": "<p>Texte.</p>"}, "Ce champ est obligatoire."),
        ({"title": "Un titre", "body": "<script>x()</script>"}, "rien de ce texte ne peut"),
        ({"title": "Un titre", "body": "<p>Texte.</p>", "published_at": "demain"}, "année-mois"),
        ({"title": "x" * 201, "body": "<p>Texte.</p>"}, "au plus 200 caractères"),
        ({"title": "Un titre", "body": "<p>x</p>" * 2858}, "au plus 20000 caractères"),
    ],
)
def test_bad_input_is_a_translated_error_and_nothing_saved(meeting, staff_user, fields, message):
    response = staff_client(staff_user).post("/fr/staff/news/new/", form_data(**fields))
    content = response.content.decode()
    assert (response.status_code, message in content, NewsItem.objects.count()) == (400, True, 0)
    assert f'value="{fields["title"]}"' in content or not fields["title"]


def test_staff_delete_an_item(meeting, staff_user):
    item = news_make(meeting, "Mistake")
    response = staff_client(staff_user).post(f"/staff/news/{item.pk}/delete/")
    assert (response.status_code, NewsItem.objects.count()) == (302, 0)
    assert AuditEntry.objects.filter(detail={"news_item": "deleted"}).count() == 1


def test_the_admin_saves_through_the_service(meeting, admin_client):
    response = admin_client.post(
        "/admin/sessions_app/newsitem/add/",
        {
            "meeting": meeting.pk,
            "title": "From the admin",
            "body": '<p onclick="x()">Hello</p>',
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert (item.slug, item.body, item.published_at is not None) == (
        "from-the-admin",
        "<p>Hello</p>",
        True,
    )
    assert AuditEntry.objects.filter(detail={"news_item": "published"}).count() == 1


def test_two_items_with_the_same_title_get_different_addresses(meeting):
    first, second = news_make(meeting, "Update"), news_make(meeting, "Update")
    untitled = news_make(meeting, "Обновление")
    assert (first.slug, second.slug, untitled.slug) == ("update", "update-2", "news")


def test_the_demo_seed_publishes_one_news_item_once(client, meeting):
    import io

    from django.core.management import call_command

    for _ in range(2):
        call_command("seed", "--demo", stdout=io.StringIO())
    assert list(NewsItem.objects.values_list("slug", "status")) == [
        ("registration-for-the-regional-review-is-open", "published")
    ]
    feed = feedparser.parse(client.get("/ru/news.atom").content)
    assert [e.title for e in feed.entries] == ["Открыта регистрация на региональный обзор"]
