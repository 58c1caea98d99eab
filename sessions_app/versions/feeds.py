"""The Atom feed of programme releases, one entry per version."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from gcm_review.feeds import PortalFeed, absolute
from gcm_review.i18n import localized
from gcm_review.text import xml_safe

from ..selectors import meeting_current
from .selectors import releases_with_changes

FEED_SIZE = 50


class ProgrammeReleasesFeed(PortalFeed):
    def title(self, request):
        return xml_safe(
            _("%(meeting)s: programme releases") % {"meeting": localized(meeting_current(), "name")}
        )

    def subtitle(self, request):
        return _("Each new version of the programme, with what changed.")

    def link_path(self) -> str:
        return reverse("sessions_app:programme_changes")

    def items(self, request):
        self.meeting = meeting_current()
        return releases_with_changes(meeting=self.meeting)[:FEED_SIZE]

    def item_title(self, release):
        return _("Version %(number)s") % {"number": release.number}

    def item_description(self, release):
        return xml_safe(
            render_to_string(
                "sessions_app/_release_feed_entry.html",
                {"release": release, "meeting": self.meeting},
            )
        )

    def item_link(self, release):
        return absolute(f"{self.link_path()}#{release.anchor}")

    def item_guid(self, release):
        # A tag URI (RFC 4151): the same entry whatever the language of the feed.
        return f"tag:gcm-regional-review,2024:{self.meeting.slug}/programme/{release.number}"

    def item_guid_is_permalink(self, release):
        return False

    def item_pubdate(self, release):
        return release.released_at

    def item_updateddate(self, release):
        return release.released_at
