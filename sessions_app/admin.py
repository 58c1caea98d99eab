from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from gcm_review.uploads import PDF, safe_filename, validate_upload

from .models import (
    DOCUMENT_MAX_BYTES,
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
    list_display = ("title", "kind", "starts_at", "ends_at", "room", "is_cancelled", "meeting")
    list_filter = ("meeting", "kind", "is_cancelled")
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


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = (
            "meeting",
            "kind",
            "session",
            "order",
            "symbol",
            "title",
            "title_fr",
            "title_ru",
            "url",
            "file",
            "body",
            "body_fr",
            "body_ru",
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            validate_upload(upload, allowed={PDF}, max_bytes=DOCUMENT_MAX_BYTES)
            upload.name = safe_filename(upload.name, PDF)  # stored as a .pdf, whatever it was
        return upload

    def _post_clean(self):
        super()._post_clean()
        if self.has_error("file") and self.has_error(NON_FIELD_ERRORS, "no_content"):
            # The refused file's own message says what is wrong; asking for "a link, a PDF
            # file or a text" as well would only repeat it.
            kept = [e for e in self.errors[NON_FIELD_ERRORS].as_data() if e.code != "no_content"]
            if kept:
                self.errors[NON_FIELD_ERRORS] = self.error_class(kept, error_class="nonfield")
            else:
                del self.errors[NON_FIELD_ERRORS]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Background notes: kind "Background note", a thematic session, and a text or a PDF."""

    form = DocumentForm
    list_display = ("title", "kind", "symbol", "session", "order")
    list_filter = ("meeting", "kind")
    list_select_related = ("session",)
    fieldsets = (
        (None, {"fields": ("meeting", "kind", "session", "order", "symbol")}),
        (_("Title"), {"fields": ("title", "title_fr", "title_ru")}),
        (_("Where to read it"), {"fields": ("url", "file")}),
        (_("Text of a background note"), {"fields": ("body", "body_fr", "body_ru")}),
    )


from .news import admin as news_admin  # noqa: E402,F401 - registers the news items
