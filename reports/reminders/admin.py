"""Staff edit the reminder rules here; /staff/reminders/ shows what they send."""

from django.contrib import admin

from .models import ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("window", "audience", "days_before", "optional", "active")
    list_filter = ("window", "active", "optional")
    list_editable = ("days_before", "optional", "active")
