"""Written inputs in the administration: read-only views, and the export of answers.

Nothing here changes an input: drafting, submitting, returning, publishing and withdrawing go
through ``submissions.services`` (the focal points' and the staff pages), which keep the
revisions, the deadline and the mails right. The answers' export (CSV, XLSX, ...) needs the
``submissions.export_answer`` permission, given to the "Network data managers" group.
"""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from sessions_app.models import GCMObjective

from .models import Answer, Attachment, CooperationNeed, Submission
from .resources import AnswerExportResource


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AnswerInline(ReadOnlyMixin, admin.StackedInline):
    model = Answer
    fields = ("question", "text_plain", "objectives")
    readonly_fields = fields
    extra = 0


class CooperationNeedInline(ReadOnlyMixin, admin.TabularInline):
    model = CooperationNeed
    fields = ("area", "objectives")
    readonly_fields = fields
    extra = 0


class AttachmentInline(ReadOnlyMixin, admin.TabularInline):
    model = Attachment
    fields = ("name", "kind", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "member_state",
        "meeting",
        "status",
        "language",
        "version",
        "submitted_at",
        "published_at",
        "updated_at",
    )
    list_filter = ("status", "language", "meeting", "member_state__subregion")
    search_fields = ("member_state__name", "member_state__iso_alpha3")
    list_select_related = ("member_state", "meeting")
    readonly_fields = [f.name for f in Submission._meta.fields]
    inlines = (AnswerInline, CooperationNeedInline, AttachmentInline)


@admin.register(Answer)
class AnswerAdmin(ReadOnlyMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [AnswerExportResource]
    list_display = ("state", "question_letter", "status", "language", "objective_numbers")
    list_filter = (
        "submission__status",
        "submission__language",
        "question__letter",
        "submission__member_state__subregion",
        "submission__meeting",
    )
    search_fields = ("submission__member_state__name", "text_plain")
    fields = ("submission", "question", "text_plain", "objectives")
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("submission__member_state", "question")
            .defer("text", "search_vector")
            .prefetch_related(
                Prefetch("objectives", queryset=GCMObjective.objects.only("pk", "number"))
            )
        )

    @admin.display(description=_("member state"), ordering="submission__member_state__name")
    def state(self, answer):
        return answer.submission.member_state

    @admin.display(description=_("question"), ordering="question__letter")
    def question_letter(self, answer):
        return answer.question.letter

    @admin.display(description=_("status"), ordering="submission__status")
    def status(self, answer):
        return answer.submission.get_status_display()

    @admin.display(description=_("language"))
    def language(self, answer):
        return answer.submission.get_language_display()

    @admin.display(description=_("GCM objectives"))
    def objective_numbers(self, answer):
        return ", ".join(str(o.number) for o in answer.objectives.all())
