"""The portal's Atom feeds: ``django.contrib.syndication`` with absolute links to the portal.

Each app's feed subclasses ``PortalFeed`` and gives ``title``, ``subtitle``, ``link_path``
(the page the feed follows), ``items`` and ``item_title`` / ``item_description`` /
``item_pubdate``. The feed is in the page's language (``/fr/…`` gives French titles and links
to the French pages); links are absolute, on ``site_url()``, like those of mails and calendar
files; an entry's id is the address of its English page, the same in every language.
"""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .site import site_url

CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def absolute(path: str) -> str:
    return site_url() + path


class PortalFeed(Feed):
    feed_type = Atom1Feed
    author_name = _("United Nations Network on Migration")

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = CONTENT_TYPE
        return response

    def get_object(self, request, *args, **kwargs):
        """The request, so that the feed names its own address."""
        return request

    def link_path(self) -> str:
        raise NotImplementedError

    def link(self):
        return absolute(self.link_path())

    def feed_url(self, request):
        return absolute(request.path)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        with translation.override("en"):
            return absolute(item.get_absolute_url())

    def item_guid_is_permalink(self, item):
        return True

    def item_updateddate(self, item):
        return item.updated_at
