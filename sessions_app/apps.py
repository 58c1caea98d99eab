from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = _("Meeting and programme")

    def ready(self):
        from gcm_review.seeding import seeder_register

        from .seeding import demo_seed, reference_seed

        seeder_register(app=self.name, reference=reference_seed, demo=demo_seed)
