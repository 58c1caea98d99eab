from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Written inputs")

    def ready(self):
        from gcm_review.seeding import seeder_register

        # Exporters and counts register at import, in the order /my/data/ and the home show them.
        from . import selectors, staff_counts  # noqa: F401 - personal-data exporter, home counts
        from .seeding import demo_seed, reference_data_seed
        from .voices import admin  # noqa: F401 - stakeholder voices: admin classes
        from .voices.discussion import selectors as discussion  # noqa: F401 - posts, flags

        # isort: split
        from .voices import selectors as voices  # noqa: F401 - consultation registrations

        seeder_register(app=self.name, reference=reference_data_seed, demo=demo_seed)
