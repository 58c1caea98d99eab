"""Accounts: the custom user (signs in with their email address) and focal points, a
person's claim to speak for a member state.

The models belong to the ``registration`` app (``registration/models.py`` imports them).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "Network staff"


# What a person tells about themselves: the profile form, the admin and the registration's copy.
PROFILE_FIELDS = (
    "full_name",
    "title",
    "organisation",
    "stakeholder_category",
    "delegation",
    "country",
    "gender",
    "accessibility_needs",
    "preferred_language",
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account; signs in with their email address."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        ANOTHER = "another", _("Another gender")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_category = models.ForeignKey(
        "registration.StakeholderCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("stakeholder category"),
    )
    delegation = models.ForeignKey(
        "registration.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("member-state delegation"),
    )
    country = models.ForeignKey(
        "registration.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("country"),
        help_text=_("Where you live or work; leave empty if outside the UNECE region."),
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("email",)
        permissions = [("export_user", "Can export users")]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_network_staff(self) -> bool:
        return self.is_active and (
            self.is_superuser or self.groups.filter(name=STAFF_GROUP).exists()
        )

    @property
    def verified_member_state(self):
        """The state this person speaks for, once staff verified their nomination; else None."""
        focal_point = getattr(self, "focal_point", None)
        if focal_point and focal_point.status == FocalPoint.Status.VERIFIED:
            return focal_point.member_state
        return None


class FocalPoint(models.Model):
    """A person's claim to speak for a member state; it counts only once staff verify it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="focal_point", verbose_name=_("user")
    )
    member_state = models.ForeignKey(
        "registration.MemberState",
        on_delete=models.PROTECT,
        related_name="focal_points",
        verbose_name=_("member state"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    nomination_letter = models.FileField(
        _("nomination letter or Note Verbale"), upload_to="nominations/", blank=True
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ("member_state__name", "user__email")
        permissions = [("import_focalpoint", "Can import focal points")]

    def __str__(self):
        return f"{self.user} ({self.member_state})"
