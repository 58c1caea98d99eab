from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Summary report")

    def ready(self):
        from . import staff_counts  # noqa: F401 - registers the staff home card's count
