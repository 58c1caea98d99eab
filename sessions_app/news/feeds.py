"""The Atom feed of the news (``/news.atom``, ``/fr/news.atom``, ``/ru/news.atom``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcm_review.feeds import PortalFeed
from gcm_review.i18n import localized

from ..selectors import meeting_current
from . import selectors


class NewsFeed(PortalFeed):
    title = _("GCM Regional Review: news")
    subtitle = _("News of the Regional Review of the Global Compact for Migration, UNECE region")

    def link_path(self):
        return reverse("news:list")

    def items(self, request):
        return selectors.news_for_feed(meeting=meeting_current())

    def item_title(self, item):
        return localized(item, "title")

    def item_description(self, item):
        return localized(item, "body")

    def item_pubdate(self, item):
        return item.published_at
