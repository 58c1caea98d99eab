"""The administration of the summary report's app: the reminder rules."""

from .reminders.admin import ReminderRuleAdmin  # noqa: F401 - registers it
