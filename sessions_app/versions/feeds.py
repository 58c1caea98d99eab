"""The Atom feed of programme releases, one entry per version."""

from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gcm_review.i18n import localized
from gcm_review.text import xml_safe

from ..selectors import meeting_current
from .selectors import releases_with_changes

FEED_SIZE = 50


class ProgrammeReleasesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return meeting_current()

    def title(self, meeting):
        return xml_safe(
            _("%(meeting)s: programme releases") % {"meeting": localized(meeting, "name")}
        )

    def subtitle(self, meeting):
        return _("Each new version of the programme, with what changed.")

    def link(self, meeting):
        return reverse("sessions_app:programme_changes")

    def feed_guid(self, meeting):
        return None

    def items(self, meeting):
        self.meeting = meeting
        return releases_with_changes(meeting=meeting)[:FEED_SIZE]

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
        return f"{reverse('sessions_app:programme_changes')}#{release.anchor}"

    def item_guid(self, release):
        # A tag URI (RFC 4151): the same entry whatever the language of the feed.
        return f"tag:gcm-regional-review,2024:{self.meeting.slug}/programme/{release.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, release):
        return release.released_at

    def item_updateddate(self, release):
        return release.released_at
