"""Writes for news items: Network staff save, publish, take back and delete them.

The staff pages and the admin both call these; who may call them is their business (Network
staff, checked where people are known). Side effects: the body is sanitised on save;
publishing or taking back an item writes an audit entry.
"""

from django.db import transaction
from django.utils.text import slugify

from gcm_review.audit import audit_record
from gcm_review.models import AuditEntry

from ..models import Meeting
from .models import NewsItem

FIELDS = ("title", "title_fr", "title_ru", "body", "body_fr", "body_ru", "status", "published_at")
SLUG_MAX = NewsItem._meta.get_field("slug").max_length
Status = NewsItem.Status


def _slug_free(title: str) -> str:
    """An address made from the English title that no other item has ("news" if slugify
    keeps no letter of it), with -2, -3 ... added when taken."""
    base = slugify(title)[: SLUG_MAX - 6].strip("-") or "news"
    taken = set(NewsItem.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def news_item_save(*, meeting: Meeting, by, fields: dict, item: NewsItem | None = None) -> NewsItem:
    """Create (``item`` None) or change a news item from ``fields`` (any of ``FIELDS``;
    ``published_at`` None means now, once published).

    Validated like the model (an English title and a text that sanitising leaves something
    of): ValidationError otherwise, nothing saved. A new item gets its address from its
    English title. Side effect: an audit entry when the item is published or taken back.
    """
    was_public = (
        item is not None
        and item.pk is not None
        and NewsItem.objects.filter(pk=item.pk, status=Status.PUBLISHED).exists()
    )
    if item is None:
        item = NewsItem(meeting=meeting)
    for name in FIELDS:
        if name in fields:
            value = fields[name]
            setattr(item, name, value.strip() if isinstance(value, str) else value)
    if not item.slug:
        item.slug = _slug_free(item.title)
    item.updated_by = by
    item.full_clean()
    item.save()
    if (item.status == Status.PUBLISHED) != was_public:
        audit_record(
            action=AuditEntry.Action.PUBLICATION,
            actor=by,
            target=item,
            detail={"news_item": item.status},
        )
    return item


@transaction.atomic
def news_item_delete(*, item: NewsItem, by) -> None:
    """Delete the item; one that was published leaves an audit entry."""
    if item.status == Status.PUBLISHED:
        audit_record(
            action=AuditEntry.Action.PUBLICATION,
            actor=by,
            target=item,
            detail={"news_item": "deleted"},
        )
    item.delete()


DEMO_ITEM = {
    "title": "Registration for the Regional Review is open",
    "title_fr": "Les inscriptions à l'examen régional sont ouvertes",
    "title_ru": "Открыта регистрация на региональный обзор",
    "body": "<p>Stakeholders and Member States can now register for the Multi-stakeholder "
    "Hearing and the Intergovernmental Conference.</p>",
    "body_fr": "<p>Les parties prenantes et les États membres peuvent désormais s'inscrire à "
    "l'audition multipartite et à la conférence intergouvernementale.</p>",
    "body_ru": "<p>Заинтересованные стороны и государства-члены уже могут зарегистрироваться "
    "на многосторонние слушания и межправительственную конференцию.</p>",
    "status": Status.PUBLISHED,
}


def news_demo_ensure(*, meeting: Meeting, now) -> int:
    """``seed --demo``: one published news item, if the meeting has none; how many were made."""
    if meeting.news_items.exists():
        return 0
    news_item_save(meeting=meeting, by=None, fields={**DEMO_ITEM, "published_at": now})
    return 1
