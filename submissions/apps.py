from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Written inputs")

    def ready(self):
        from . import selectors  # noqa: F401 - registers the personal-data exporter
        from .voices import admin  # noqa: F401 - stakeholder voices: admin classes, exporters
