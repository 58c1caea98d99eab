"""Cross-site scripting through the news (news13): every payload of payloads/xss.txt as the
title (plain text) and the three bodies (rich text) of a news item, written on the staff page,
comes out inert on the home page, the News pages, the staff pages, the admin and in the Atom
feed, whose titles are the very text typed and whose summaries keep only sanitised HTML."""

import feedparser
from django.test import Client

from sessions_app.models import NewsItem
from tests.hostile._xss_helpers import page_problems
from tests.hostile.test_xss import TEXTS, Findings, rich, signed_in, witness


def test_news_items_are_inert_on_every_page_and_in_the_feed(meeting, staff_user):
    staff, anonymous = signed_in(staff_user), Client()
    for number, payload in enumerate(TEXTS):
        body = rich("news", number, payload)
        data = {
            "title": payload,
            "title_fr": payload,
            "title_ru": "",
            "body": body,
            "body_fr": body,
            "body_ru": body,
            "status": "published",
            "published_at": "",
        }
        response = staff.post("/staff/news/new/", data)
        assert response.status_code == 302, payload
    assert NewsItem.objects.count() == len(TEXTS)
    titles = [t.strip() for t in TEXTS]
    witnesses = [witness("news", n) for n in range(len(TEXTS))]
    found = Findings()
    found.page("home", anonymous.get("/"))
    for page in range(1, len(TEXTS) // 10 + 2):
        found.page(f"news page {page}", anonymous.get(f"/news/?page={page}"))
        found.page(f"news page {page} (fr)", anonymous.get(f"/fr/news/?page={page}"))
    for number, item in enumerate(NewsItem.objects.order_by("pk")):
        shows = [titles[number], witnesses[number]]
        found.page(f"item {number}", anonymous.get(f"/news/{item.slug}/"), shows=shows)
        found.page(f"item {number} (ru)", anonymous.get(f"/ru/news/{item.slug}/"))
    found.page("staff list", staff.get("/staff/news/"), shows=titles)
    found.page("staff edit", staff.get(f"/staff/news/{NewsItem.objects.first().pk}/"))
    found.page("admin", staff.get("/admin/sessions_app/newsitem/"))
    for path in ("/news.atom", "/fr/news.atom"):
        feed = feedparser.parse(anonymous.get(path).content, sanitize_html=False)
        assert (path, feed.bozo) == (path, False)
        assert len(feed.entries) == 20
        found.extend(f"{path}: {p}" for e in feed.entries for p in page_problems(e.summary))
        found.extend(
            f"{path}: title {e.title!r} not as typed" for e in feed.entries if e.title not in titles
        )
    assert found == []
