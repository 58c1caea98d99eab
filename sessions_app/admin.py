from django.contrib import admin

from .models import (
    Document,
    GCMObjective,
    GuidingPrinciple,
    GuidingQuestion,
    KeyDate,
    Meeting,
    Session,
)


class KeyDateInline(admin.TabularInline):
    model = KeyDate
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("name", "date", "venue", "is_current")
    inlines = [KeyDateInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "number", "starts_at", "ends_at", "meeting")
    list_filter = ("meeting", "kind")
    filter_horizontal = ("objectives",)
    search_fields = ("title", "title_fr", "title_ru")


@admin.register(GCMObjective)
class GCMObjectiveAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "short_label")
    search_fields = ("title", "short_label")


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ("order", "title", "gcm_paragraph")


@admin.register(GuidingQuestion)
class GuidingQuestionAdmin(admin.ModelAdmin):
    list_display = ("letter", "text", "meeting")
    list_filter = ("meeting",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "symbol", "session", "order")
    list_filter = ("meeting", "kind")
