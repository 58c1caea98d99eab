from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Written inputs")

    def ready(self):
        from . import selectors, staff_counts  # noqa: F401 - personal-data exporter, home counts
        from .voices import admin  # noqa: F401 - stakeholder voices: admin classes, exporters
