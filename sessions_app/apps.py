from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = _("Meeting and programme")

    def ready(self):
        from gcm_review.seeding import seeder_register

        from .seeding import demo_seed
        from .services import reference_data_seed

        seeder_register(app=self.name, reference=reference_data_seed, demo=demo_seed)
