"""Spreadsheet export of the answers of written inputs (django-import-export; export only).

Every cell goes through ``cell_safe`` (``SafeExportResource``): what States write must never
run as a formula in the spreadsheet of the staff member who opens it.
"""

from django.db.models import Prefetch
from import_export import fields

from registration.resources import SafeExportResource
from sessions_app.models import GCMObjective

from .models import Answer, CooperationNeed


def _numbers(objectives) -> str:
    return ";".join(str(o.number) for o in objectives)


class AnswerExportResource(SafeExportResource):
    member_state = fields.Field(column_name="member_state")
    iso_alpha3 = fields.Field(column_name="iso_alpha3")
    subregion = fields.Field(column_name="subregion")
    status = fields.Field(column_name="status")
    language = fields.Field(column_name="language")
    published_at = fields.Field(column_name="published_at")
    question = fields.Field(column_name="question")
    answer = fields.Field(column_name="answer")
    objectives = fields.Field(column_name="objectives")
    cooperation = fields.Field(column_name="cooperation")

    class Meta:
        model = Answer
        fields = (
            "id",
            "submission",
            "member_state",
            "iso_alpha3",
            "subregion",
            "status",
            "language",
            "published_at",
            "question",
            "answer",
            "objectives",
            "cooperation",
        )
        export_order = fields

    def get_queryset(self):
        return self.filter_export(Answer.objects.all())

    def filter_export(self, queryset, **kwargs):
        """State, question, objectives and the input's cooperation areas: a fixed number of
        queries whatever the number of answers."""
        numbers = GCMObjective.objects.only("pk", "number").order_by("number")
        return (
            queryset.select_related("submission__member_state", "question")
            .defer("text", "search_vector")
            .prefetch_related(None)  # the admin's own prefetches are replaced by these
            .prefetch_related(
                Prefetch("objectives", queryset=numbers),
                Prefetch(
                    "submission__cooperation_needs",
                    queryset=CooperationNeed.objects.order_by("area").prefetch_related(
                        Prefetch("objectives", queryset=numbers)
                    ),
                ),
            )
            .order_by("submission__member_state__name", "question__letter", "pk")
        )

    def dehydrate_member_state(self, answer):
        return answer.submission.member_state.name

    def dehydrate_iso_alpha3(self, answer):
        return answer.submission.member_state.iso_alpha3

    def dehydrate_subregion(self, answer):
        return answer.submission.member_state.subregion

    def dehydrate_status(self, answer):
        return answer.submission.status

    def dehydrate_language(self, answer):
        return answer.submission.language

    def dehydrate_published_at(self, answer):
        published = answer.submission.published_at
        return published.isoformat(timespec="seconds") if published else ""

    def dehydrate_question(self, answer):
        return answer.question.letter

    def dehydrate_answer(self, answer):
        return answer.text_plain

    def dehydrate_objectives(self, answer):
        return _numbers(answer.objectives.all())

    def dehydrate_cooperation(self, answer):
        """Question (e) only: "area:1,2|area:3", as in the public CSV."""
        if answer.question.letter != "e":
            return ""
        return "|".join(
            f"{need.area}:{_numbers(need.objectives.all()).replace(';', ',')}"
            for need in answer.submission.cooperation_needs.all()
        )
