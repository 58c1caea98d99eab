"""The Atom feed of newly published written inputs: valid, newest first, only what is
published, in the page's language, and linked from the written-input pages."""

import datetime

import feedparser
from django.utils import timezone

from submissions import services
from submissions.models import Submission
from tests.sessions_app.test_news import FEED_LINK


def test_the_feed_lists_published_inputs_newest_first(client, make_input, staff_user):
    armenia = make_input("ARM", answers={"a": "<p>Armenia protects <em>migrants</em>.</p>"})
    portugal = make_input("PRT", language="fr")
    make_input("ITA", status="draft")
    Submission.objects.filter(pk=armenia.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=2)
    )
    response = client.get("/submissions.atom")
    feed = feedparser.parse(response.content)
    assert (response["Content-Type"], feed.bozo, feed.version) == (
        "application/atom+xml; charset=utf-8",
        False,
        "atom10",
    )
    assert [e.title for e in feed.entries] == [
        "Written input of Portugal",
        "Written input of Armenia",
    ]
    assert [e.link for e in feed.entries] == [
        f"http://127.0.0.1:8000/submissions/{portugal.pk}/",
        f"http://127.0.0.1:8000/submissions/{armenia.pk}/",
    ]
    assert feed.entries[1].summary == (
        "<p>Western Asia · answers in English</p><p>Armenia protects migrants.</p>"
    )


def test_the_feed_is_in_the_page_language_and_drops_a_withdrawn_input(
    client, make_input, staff_user
):
    armenia = make_input("ARM")
    make_input("PRT")
    services.submission_withdraw(submission=armenia, by=staff_user)
    feed = feedparser.parse(client.get("/fr/submissions.atom").content)
    assert (feed.bozo, feed.feed.language) == (False, "fr")
    assert feed.feed.title == "Examen régional du PMM : contributions écrites publiées"
    assert [e.title for e in feed.entries] == ["Contribution écrite : Portugal"]
    assert feed.entries[0].link.startswith("http://127.0.0.1:8000/fr/submissions/")


def test_the_written_input_pages_link_to_the_feed(client, make_input):
    armenia = make_input("ARM")
    for path in ("/submissions/", f"/submissions/{armenia.pk}/"):
        assert FEED_LINK.findall(client.get(path).content.decode()) == ["/submissions.atom"]
    assert FEED_LINK.findall(client.get("/ru/submissions/").content.decode()) == [
        "/ru/submissions.atom"
    ]
