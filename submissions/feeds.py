"""The Atom feed of newly published written inputs (``/submissions.atom``, also under
``/fr/`` and ``/ru/``). Statements will join it once they exist."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcm_review.feeds import PortalFeed
from gcm_review.i18n import localized
from registration.models import subregion_label
from sessions_app.selectors import meeting_current

from .selectors import submissions_recently_published

EXCERPT_WORDS = 60


class WrittenInputsFeed(PortalFeed):
    title = gettext_lazy("GCM Regional Review: published written inputs")
    subtitle = gettext_lazy(
        "Member States' written answers to the guiding questions, as the Network publishes them"
    )

    def link_path(self):
        return reverse("submissions:list")

    def items(self, request):
        return submissions_recently_published(meeting=meeting_current())

    def item_title(self, item):
        return _("Written input of %(state)s") % {"state": localized(item.member_state, "name")}

    def item_description(self, item):
        first = next((a.text_plain for a in item.answers.all() if a.text_plain.strip()), "")
        return format_html(
            "<p>{}</p><p>{}</p>",
            _("%(subregion)s · answers in %(language)s")
            % {
                "subregion": subregion_label(item.member_state.subregion),
                "language": item.get_language_display(),
            },
            Truncator(first).words(EXCERPT_WORDS),
        )

    def item_pubdate(self, item):
        return item.published_at
