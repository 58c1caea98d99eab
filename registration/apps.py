from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("People and registration")

    def ready(self):
        from . import selectors  # noqa: F401 - registers the personal-data exporters
