"""The audit log: sign-ins, role changes, decisions, publications, exports and personal-data
downloads, each with who, what, when and from where.

Services call ``audit_record``; the request being served (set by
``gcm_review.middleware.AuditContextMiddleware``) supplies the actor and the address, so
services need not carry the request. In a Celery task or a management command there is no
request: the entry names the actor it is given, or none.
"""

import contextvars
import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from .models import AuditEntry

Action = AuditEntry.Action

_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)


def audit_request_set(request) -> contextvars.Token:
    return _request.set(request)


def audit_request_reset(token: contextvars.Token) -> None:
    _request.reset(token)


def current_request():
    """The request being served in this thread, or None (a Celery worker, a command)."""
    return _request.get()


def client_ip(request) -> str | None:
    """The client's address as the sign-in rate limits see it (TRUSTED_PROXY_COUNT)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


def audit_record(
    *,
    action: str,
    actor=None,
    target: Model | None = None,
    detail: dict | None = None,
    request=None,
) -> AuditEntry:
    """Write one entry. ``actor`` defaults to the signed-in person of the current request."""
    request = request if request is not None else _request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        detail=detail or {},
        ip_address=client_ip(request) if request is not None else None,
    )


def audit_entries(
    *,
    action: str = "",
    text: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """The log newest first, narrowed by action, a text (who or what) and a date range."""
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if text := text.strip():
        entries = entries.filter(
            Q(actor_email__icontains=text)
            | Q(target_label__icontains=text)
            | Q(detail__email__icontains=text)
        )
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries
