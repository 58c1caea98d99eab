from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import FocalPoint, MemberState, StakeholderCategory, User


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
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "organisation", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups", "stakeholder_category")
    search_fields = ("email", "full_name", "organisation")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "full_name",
                    "title",
                    "organisation",
                    "stakeholder_category",
                    "delegation",
                    "country",
                    "gender",
                    "accessibility_needs",
                    "preferred_language",
                )
            },
        ),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ("user", "member_state", "status", "decided_at")
    list_filter = ("status", "member_state__subregion")
    search_fields = ("user__email", "member_state__name")
    autocomplete_fields = ("user", "member_state")
