from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GcmReviewConfig(AppConfig):
    name = "gcm_review"
    verbose_name = _("GCM Regional Review")

    def ready(self):
        from . import page_cache, signals, sqlite

        page_cache.connect()
        signals.connect()
        sqlite.connect()
