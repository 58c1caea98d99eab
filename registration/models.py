"""People: member states, stakeholder categories, the Logistics Note and registrations.

The app's other models live in its sub-packages and are imported here, so that Django finds
them in the ``registration`` app: the user and focal points in ``accounts``, the calls for
expressions of interest and the selection of speakers in ``speakers``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcm_review.i18n import trilingual

from .accounts.models import STAFF_GROUP, FocalPoint, User, UserManager  # noqa: F401
from .speakers.models import CV_MAX_BYTES, Call, ExpressionOfInterest  # noqa: F401

# The UN M49 subregions of the UNECE member states, for display in the page language.
SUBREGIONS = {
    "Central Asia": _("Central Asia"),
    "Eastern Europe": _("Eastern Europe"),
    "Northern America": _("Northern America"),
    "Northern Europe": _("Northern Europe"),
    "Southern Europe": _("Southern Europe"),
    "Western Asia": _("Western Asia"),
    "Western Europe": _("Western Europe"),
}


def subregion_label(subregion: str | None) -> str:
    if not subregion:
        return _("Outside the UNECE region or not given")
    return SUBREGIONS.get(subregion, subregion)


class MemberState(models.Model):
    name, name_fr, name_ru = trilingual(models.CharField, _("name"), max_length=100, unique=True)
    un_name = models.CharField(_("UN short name"), max_length=100)
    iso_alpha2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    iso_alpha3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    subregion = models.CharField(_("subregion (UN M49)"), max_length=50)
    portal_group = models.CharField(_("group"), max_length=50)
    eu_member = models.BooleanField(_("EU member"), default=False)

    class Meta:
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        ordering = ("name",)

    def __str__(self):
        return self.name


class StakeholderCategory(models.Model):
    class Group(models.TextChoices):
        STAKEHOLDER = "stakeholder", _("Stakeholder")
        INSTITUTIONAL = "institutional", _("Institutional")

    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    label, label_fr, label_ru = trilingual(models.CharField, _("label"), max_length=150)
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)

    class Meta:
        verbose_name = _("stakeholder category")
        verbose_name_plural = _("stakeholder categories")
        ordering = ("order",)

    def __str__(self):
        return self.label


class LogisticsNote(models.Model):
    """Practical information for approved participants; staff edit it in the admin."""

    meeting = models.OneToOneField(
        "sessions_app.Meeting", on_delete=models.CASCADE, related_name="logistics_note"
    )
    body, body_fr, body_ru = trilingual(
        models.TextField, _("text"), help_text=_("Simple HTML: paragraphs, lists, links.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("Logistics Note")
        verbose_name_plural = _("Logistics Notes")

    def __str__(self):
        return f"Logistics Note: {self.meeting}"

    def save(self, *args, **kwargs):
        from gcm_review.text import html_sanitise

        for field in ("body", "body_fr", "body_ru"):
            setattr(self, field, html_sanitise(getattr(self, field)))
        super().save(*args, **kwargs)


class Registration(models.Model):
    """A person's registration for the meeting, and its accreditation by Network staff.

    The category, gender and country are copied from the profile so that statistics survive
    when the person's account is deleted (``user`` then becomes empty).
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("registration", "Pending")
        APPROVED = "approved", pgettext_lazy("registration", "Approved")
        REJECTED = "rejected", pgettext_lazy("registration", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("registration", "Withdrawn")

    class Parts(models.TextChoices):
        HEARING = "hearing", _("Multi-stakeholder Hearing")
        CONFERENCE = "conference", _("Intergovernmental Conference")
        BOTH = "both", _("Both the Hearing and the Conference")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person, in Geneva")
        ONLINE = "online", _("Online")

    meeting = models.ForeignKey(
        "sessions_app.Meeting", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    parts = models.CharField(_("parts of the meeting"), max_length=12, choices=Parts.choices)
    attendance = models.CharField(_("attendance"), max_length=12, choices=Attendance.choices)
    consent_privacy = models.BooleanField(_("consent to the privacy notice"), default=False)
    consent_public_list = models.BooleanField(
        _("consent to appear in the public participant list"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_message = models.TextField(_("message to the registrant"), blank=True)
    stakeholder_category = models.ForeignKey(
        StakeholderCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delegation = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    country = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gender = models.CharField(_("gender"), max_length=12, choices=User.Gender.choices, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(fields=("meeting", "user"), name="registration_once_per_person")
        ]
        permissions = [("export_registration", "Can export registrations")]

    def __str__(self):
        return f"{self.user or _('anonymised')} · {self.get_status_display()}"

    @property
    def subregion(self) -> str:
        state = self.delegation or self.country
        return state.subregion if state else ""

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.PENDING
