from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Summary report")

    def ready(self):
        from gcm_review.seeding import seeder_register

        from . import staff_counts, timeline  # noqa: F401 - the staff card's count, the timeline
        from .reminders import selectors as reminders  # noqa: F401 - personal-data exporter
        from .reminders.services import reminder_rules_seed

        seeder_register(app=self.name, reference=reminder_rules_seed)
