from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportMixin

from . import services
from .accounts.models import PROFILE_FIELDS
from .accounts.services import focal_point_decide
from .models import (
    Call,
    ExpressionOfInterest,
    FocalPoint,
    LogisticsNote,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
)
from .resources import (
    ExpressionOfInterestExportResource,
    FocalPointImportResource,
    RegistrationExportResource,
    UserExportResource,
)


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    list_display = ("name", "iso_alpha3", "subregion", "portal_group", "eu_member")
    list_filter = ("subregion", "portal_group", "eu_member")
    search_fields = ("name", "un_name", "iso_alpha2", "iso_alpha3")


@admin.register(StakeholderCategory)
class StakeholderCategoryAdmin(admin.ModelAdmin):
    list_display = ("order", "label", "group")
    list_filter = ("group",)


@admin.register(User)
class UserAdmin(ExportMixin, BaseUserAdmin):
    resource_classes = [UserExportResource]
    ordering = ("email",)
    list_display = ("email", "full_name", "organisation", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups", "stakeholder_category")
    search_fields = ("email", "full_name", "organisation")
    list_select_related = ("stakeholder_category",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {"fields": PROFILE_FIELDS},
        ),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(FocalPoint)
class FocalPointAdmin(ImportMixin, admin.ModelAdmin):
    resource_classes = [FocalPointImportResource]
    list_display = ("user", "member_state", "status", "decided_at")
    list_filter = ("status", "member_state__subregion")
    search_fields = ("user__email", "member_state__name")
    list_select_related = ("user", "member_state")
    readonly_fields = ("status", "decided_by", "decided_at", "created_at")
    autocomplete_fields = ("user", "member_state")
    actions = ("verify", "reject")

    @admin.action(description=_("Verify the selected focal points"), permissions=["change"])
    def verify(self, request, queryset):
        for focal_point in queryset.select_related("user"):
            focal_point_decide(focal_point=focal_point, by=request.user, verify=True)

    @admin.action(description=_("Reject the selected focal points"), permissions=["change"])
    def reject(self, request, queryset):
        for focal_point in queryset.select_related("user"):
            focal_point_decide(focal_point=focal_point, by=request.user, verify=False)


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, admin.ModelAdmin):
    """Decisions go through the same service as the staff page, so mails go out."""

    resource_classes = [RegistrationExportResource]
    list_display = ("user", "parts", "attendance", "status", "stakeholder_category", "created_at")
    list_filter = ("status", "parts", "attendance", "gender", "stakeholder_category")
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user", "stakeholder_category")
    readonly_fields = [f.name for f in Registration._meta.fields]
    actions = ("approve", "reject")

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve the selected registrations"), permissions=["change"])
    def approve(self, request, queryset):
        changed = services.registrations_decide(
            registration_ids=list(queryset.values_list("pk", flat=True)),
            action="approve",
            by=request.user,
        )
        approved = ngettext(
            "%(count)d registration approved.", "%(count)d registrations approved.", changed
        )
        self.message_user(request, approved % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Reject the selected registrations"), permissions=["change"])
    def reject(self, request, queryset):
        changed = services.registrations_decide(
            registration_ids=list(queryset.values_list("pk", flat=True)),
            action="reject",
            by=request.user,
        )
        rejected = ngettext(
            "%(count)d registration rejected.", "%(count)d registrations rejected.", changed
        )
        self.message_user(request, rejected % {"count": changed}, messages.SUCCESS)


@admin.register(LogisticsNote)
class LogisticsNoteAdmin(admin.ModelAdmin):
    list_display = ("meeting", "updated_at")


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """Staff set when each call opens and closes; empty dates take the defaults."""

    list_display = ("role", "meeting", "opens_at", "closes_at")
    list_filter = ("meeting",)
    list_select_related = ("meeting",)
    fields = ("meeting", "role", "opens_at", "closes_at")

    def get_readonly_fields(self, request, obj=None):
        return ("meeting", "role") if obj else ()


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ExportMixin, admin.ModelAdmin):
    """Read-only: selection, outcomes and answers go through the selection board's services.
    Exports (CSV, XLSX) leave the CV files out."""

    resource_classes = [ExpressionOfInterestExportResource]
    list_display = (
        "speaker_name",
        "call",
        "session",
        "member_state",
        "gender",
        "status",
        "confirmation",
        "created_at",
    )
    list_filter = ("call__role", "status", "confirmation", "gender", "session")
    search_fields = ("speaker_name", "organisation", "user__email", "member_state__name")
    list_select_related = ("call__meeting", "session", "member_state")
    readonly_fields = [
        *(f.name for f in ExpressionOfInterest._meta.fields if f.name not in ("staff_note", "cv")),
        "cv_link",
    ]
    exclude = ("programme_sessions", "cv")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("CV"))
    def cv_link(self, expression):
        if not expression.cv:
            return "-"
        url = reverse("registration:expression_cv", args=[expression.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download (PDF)"))
