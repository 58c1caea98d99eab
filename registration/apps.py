from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The modules registering personal-data exporters (in the order of the sections of /my/data/)
# and timeline providers.
EXPORTER_MODULES = (
    "accounts.selectors",
    "selectors",
    "speakers.selectors",
    "side_events.selectors",
    "timeline.selectors",
)
# The modules registering panels of the home page and counts of the staff home page.
PAGE_MODULES = ("side_events.home",)


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("People and registration")

    def ready(self):
        for module in EXPORTER_MODULES:
            import_module(f"{self.name}.{module}")
        for module in PAGE_MODULES:
            import_module(f"{self.name}.{module}")

        from gcm_review.seeding import seeder_register

        from .seeding import demo_seed, reference_data_seed

        seeder_register(app=self.name, reference=reference_data_seed, demo=demo_seed)

        from sessions_app.versions.signals import programme_released

        from .programme_changes.mail import programme_change_mail

        programme_released.connect(programme_change_mail, dispatch_uid="programme_change_mail")
