from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Written inputs")

    def ready(self):
        from gcm_review.seeding import seeder_register

        from . import selectors, staff_counts, timeline  # noqa: F401 - exporter, counts, timeline
        from .seeding import demo_seed, reference_data_seed
        from .voices import admin  # noqa: F401 - stakeholder voices: admin classes, exporters

        seeder_register(app=self.name, reference=reference_data_seed, demo=demo_seed)
