from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("People and registration")

    def ready(self):
        from gcm_review.seeding import seeder_register

        from . import selectors  # noqa: F401 - registers the personal-data exporters
        from .seeding import demo_seed, reference_data_seed

        seeder_register(app=self.name, reference=reference_data_seed, demo=demo_seed)

        from sessions_app.versions.signals import programme_released

        from .programme_changes.mail import programme_change_mail

        programme_released.connect(programme_change_mail, dispatch_uid="programme_change_mail")
