"""Audit entries for what no service of ours performs: signing in and out (allauth and the
admin both go through django.contrib.auth), changes to a person's roles wherever they are
made (admin, import, shell), and the admin's spreadsheet exports and imports."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from import_export.signals import post_export, post_import

from .audit import Action, audit_record
from .middleware import SESSION_SEEN, SESSION_STARTED

ROLE_FIELDS = ("is_staff", "is_superuser", "is_active")


def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED] = now
        request.session[SESSION_SEEN] = now
    audit_record(action=Action.SIGN_IN, actor=user, target=user, request=request)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=Action.SIGN_OUT, actor=user, target=user, request=request)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    identifier = credentials.get("email") or credentials.get("username") or ""
    audit_record(
        action=Action.SIGN_IN_FAILED, detail={"email": str(identifier)[:254]}, request=request
    )


def roles_before_save(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (
        update_fields is not None and not set(update_fields) & set(ROLE_FIELDS)
    ):
        instance._roles_before = None
        return
    instance._roles_before = sender.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first()


def roles_after_save(sender, instance, created, **kwargs):
    before = getattr(instance, "_roles_before", None)
    if created:
        before = dict.fromkeys(ROLE_FIELDS[:2], False) | {"is_active": True}
    if before is None:
        return
    changes = {
        field: [before[field], getattr(instance, field)]
        for field in ROLE_FIELDS
        if before[field] != getattr(instance, field)
    }
    if changes:
        audit_record(action=Action.ROLE_CHANGE, target=instance, detail=changes)


def groups_changed(sender, instance, action, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or not isinstance(
        instance, get_user_model()
    ):
        return
    if action == "pre_clear":
        names = list(instance.groups.values_list("name", flat=True))
        action = "post_remove"
    else:
        names = list(model.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    if names:
        key = "groups_added" if action == "post_add" else "groups_removed"
        audit_record(action=Action.ROLE_CHANGE, target=instance, detail={key: sorted(names)})


def exported(sender, model, **kwargs):
    audit_record(action=Action.EXPORT, detail={"model": model._meta.label_lower})


def imported(sender, model, **kwargs):
    audit_record(action=Action.IMPORT, detail={"model": model._meta.label_lower})


def connect() -> None:
    user_model = get_user_model()
    user_logged_in.connect(signed_in, dispatch_uid="audit_signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="audit_signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit_sign_in_failed")
    pre_save.connect(roles_before_save, sender=user_model, dispatch_uid="audit_roles_before")
    post_save.connect(roles_after_save, sender=user_model, dispatch_uid="audit_roles_after")
    post_export.connect(exported, dispatch_uid="audit_exported")
    post_import.connect(imported, dispatch_uid="audit_imported")
    m2m_changed.connect(
        groups_changed, sender=user_model.groups.through, dispatch_uid="audit_groups"
    )
