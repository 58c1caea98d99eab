from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Who read the outbox: the superuser and the data managers (view_outgoingemail), not
    plain Network staff. Even they never see a sign-in link: none is stored."""

    list_display = ("subject", "to", "language", "created_at", "sent_at", "attempts")
    list_filter = ("language", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("to", "subject")
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    fieldsets = (
        (
            None,
            {
                "fields": [
                    f.name
                    for f in OutgoingEmail._meta.fields
                    if f.name not in ("id", "secret_kind", "secret_ref")
                ],
                "description": _(
                    "Links that sign a person in are never stored: ⟦hidden⟧ stands where "
                    "one goes, and a fresh one is made when the mail is sent."
                ),
            },
        ),
    )

    def has_add_permission(self, request):
        return False


# The admin has no sign-in form of its own: people sign in through allauth, whose rate limits
# and failed-sign-in audit entries then hold for the admin too; signed-in non-staff get 403.
admin.site.login = secure_admin_login(admin.site.login)
