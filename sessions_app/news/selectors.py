"""Reads for news items: the public list, one item, the feed, and the staff list."""

from django.db.models import QuerySet
from django.http import Http404

from ..models import Meeting
from .models import NewsItem

FEED_ITEMS = 20


def news_public(*, meeting: Meeting) -> QuerySet[NewsItem]:
    """The meeting's published items whose moment has come, newest first."""
    return NewsItem.objects.filter(meeting=meeting).public()


def news_latest(*, meeting: Meeting, count: int = 3) -> list[NewsItem]:
    """The ``count`` newest public items, for the home page."""
    return list(news_public(meeting=meeting)[:count])


def news_for_feed(*, meeting: Meeting) -> list[NewsItem]:
    return list(news_public(meeting=meeting)[:FEED_ITEMS])


def news_item_public(*, meeting: Meeting, slug: str) -> NewsItem:
    """One public item; 404 for a draft, a later one or an unknown address."""
    try:
        return news_public(meeting=meeting).get(slug=slug)
    except NewsItem.DoesNotExist:
        raise Http404("No such news item.") from None


def news_for_staff(*, meeting: Meeting) -> QuerySet[NewsItem]:
    """Every item of the meeting: drafts first (newest changed first), then the published."""
    return (
        NewsItem.objects.filter(meeting=meeting)
        .select_related("updated_by")
        .order_by("status", "-updated_at", "-pk")
    )
