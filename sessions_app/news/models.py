"""Short news items that Network staff publish: ``NewsItem``.

Title and body come in English, French and Russian (``gcm_review.i18n.trilingual``); the body
is rich text, sanitised on every save. An item is public once it is published and its
``published_at`` has come, so staff may also set a later moment.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcm_review.i18n import trilingual
from gcm_review.text import html_sanitise

from ..models import Meeting

TITLE_MAX_CHARS = 200
BODY_MAX_CHARS = 20_000


class NewsItemQuerySet(models.QuerySet):
    def public(self, *, now=None):
        """Published, with a publication moment that has come; newest first."""
        return self.filter(
            status=NewsItem.Status.PUBLISHED, published_at__lte=now or timezone.now()
        ).order_by("-published_at", "-pk")


class NewsItem(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("news item", "Draft")
        PUBLISHED = "published", pgettext_lazy("news item", "Published")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="news_items")
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the item's address, made from the English title."),
    )
    title, title_fr, title_ru = trilingual(models.CharField, _("title"), max_length=TITLE_MAX_CHARS)
    body, body_fr, body_ru = trilingual(
        models.TextField,
        _("text"),
        max_length=BODY_MAX_CHARS,
        help_text=_("Simple HTML: paragraphs, lists, emphasis, links."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Left empty, the moment the item is published."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ("-published_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="news_item_published_has_a_moment",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("body", "body_fr", "body_ru"):
            setattr(self, field, html_sanitise(getattr(self, field)))
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.body and not html_sanitise(self.body):
            raise ValidationError(
                {"body": _("Write the text of the news item: nothing of it can be shown.")}
            )

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
