"""Staff create the consultations and record GCM Talks here, and move the Discussion Space's
dates; the other stakeholder voices are kept on the portal's own staff pages."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .discussion.models import DiscussionThread
from .models import Consultation, ConsultationRegistration, GCMTalk, KeyMessage, SessionPoint


class ConsultationRegistrationInline(admin.TabularInline):
    model = ConsultationRegistration
    extra = 0
    can_delete = False
    fields = ("user", "created_at")
    readonly_fields = ("user", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "starts_at", "format", "registered", "meeting")
    list_filter = ("meeting", "format")
    search_fields = ("title", "title_fr", "title_ru")
    fieldsets = (
        (None, {"fields": ("meeting", "number", "title", "title_fr", "title_ru")}),
        (_("When and where"), {"fields": ("starts_at", "ends_at", "format", "location")}),
        (_("For registered stakeholders"), {"fields": ("joining_details",)}),
        (_("Agenda"), {"fields": ("agenda", "agenda_fr", "agenda_ru")}),
    )
    inlines = [ConsultationRegistrationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(registration_count=Count("registrations"))

    @admin.display(description=_("registered"), ordering="registration_count")
    def registered(self, consultation):
        return consultation.registration_count


@admin.register(GCMTalk)
class GCMTalkAdmin(admin.ModelAdmin):
    list_display = ("title", "held_on", "format", "organiser", "meeting")
    list_filter = ("meeting", "format", "objectives")
    search_fields = ("title", "organiser", "summary")
    filter_horizontal = ("objectives",)
    date_hierarchy = "held_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(DiscussionThread)
class DiscussionThreadAdmin(admin.ModelAdmin):
    """Threads are created by `seed`; staff move their opening and closing here."""

    list_display = ("slug", "opens_at", "closes_at", "meeting")
    list_filter = ("meeting",)
    fields = ("meeting", "slug", "question", "session", "opens_at", "closes_at")
    readonly_fields = ("meeting", "slug", "question", "session")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Recorded on the staff pages (by staff or the Rapporteur); read here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KeyMessage)
class KeyMessageAdmin(_ReadOnlyAdmin):
    list_display = ("text", "kind", "consultation", "session", "created_at")
    list_filter = ("kind", "consultation", "session")
    list_select_related = ("consultation", "session")


@admin.register(SessionPoint)
class SessionPointAdmin(_ReadOnlyAdmin):
    list_display = ("text", "kind", "session", "raised_by_state", "raised_by_category")
    list_filter = ("kind", "session")
    list_select_related = ("session", "raised_by_state", "raised_by_category")
