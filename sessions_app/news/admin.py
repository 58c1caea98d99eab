from django.contrib import admin

from .models import NewsItem
from .services import news_item_delete, news_item_save


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    """Saves and deletes through the services, as the staff page does (audit entries)."""

    list_display = ("title", "status", "published_at", "meeting")
    list_filter = ("meeting", "status")
    search_fields = ("title", "title_fr", "title_ru")
    readonly_fields = ("slug", "updated_by", "updated_at")
    fields = (
        "meeting",
        "title",
        "title_fr",
        "title_ru",
        "body",
        "body_fr",
        "body_ru",
        "status",
        "published_at",
        "slug",
        "updated_by",
        "updated_at",
    )

    def save_model(self, request, obj, form, change):
        news_item_save(meeting=obj.meeting, by=request.user, fields=form.cleaned_data, item=obj)

    def delete_model(self, request, obj):
        news_item_delete(item=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            news_item_delete(item=item, by=request.user)
