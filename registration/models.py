"""People: the custom user, member states, stakeholder categories, focal points, registrations,
and the calls for expressions of interest in speaking roles with their selection."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STAFF_GROUP = "Network staff"

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
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
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
    label = models.CharField(_("label"), max_length=150)
    label_fr = models.CharField(_("label (French)"), max_length=150, blank=True)
    label_ru = models.CharField(_("label (Russian)"), max_length=150, blank=True)
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)

    class Meta:
        verbose_name = _("stakeholder category")
        verbose_name_plural = _("stakeholder categories")
        ordering = ("order",)

    def __str__(self):
        return self.label


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
        StakeholderCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("stakeholder category"),
    )
    delegation = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("member-state delegation"),
    )
    country = models.ForeignKey(
        MemberState,
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
        MemberState,
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


class LogisticsNote(models.Model):
    """Practical information for approved participants; staff edit it in the admin."""

    meeting = models.OneToOneField(
        "sessions_app.Meeting", on_delete=models.CASCADE, related_name="logistics_note"
    )
    body = models.TextField(_("text"), help_text=_("Simple HTML: paragraphs, lists, links."))
    body_fr = models.TextField(_("text (French)"), blank=True)
    body_ru = models.TextField(_("text (Russian)"), blank=True)
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


# Calls for expressions of interest and the selection of speakers ------------------------

CV_MAX_BYTES = 10 * 1024 * 1024


class Call(models.Model):
    """A call for expressions of interest in one speaking role of a meeting.

    Staff set its opening and closing in the admin; left empty they default to ten and five
    weeks before the meeting. Co-Chairs and keynote speakers are offered by Member States
    (through a verified focal point); the Rapporteur and the moderators are stakeholders.
    """

    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", _("Co-Chair of the Intergovernmental Conference")
        KEYNOTE = "keynote", _("Keynote speaker for a thematic session")
        MODERATOR = "moderator", _("Moderator of a thematic session")
        RAPPORTEUR = "rapporteur", _("Rapporteur")

    SHORT_LABELS = {
        Role.CO_CHAIR: _("Co-Chair"),
        Role.KEYNOTE: _("Keynote speaker"),
        Role.MODERATOR: _("Moderator"),
        Role.RAPPORTEUR: _("Rapporteur"),
    }
    # How many may be selected: for keynote speakers and moderators, in each thematic session.
    SEATS = {Role.CO_CHAIR: 2, Role.KEYNOTE: 1, Role.MODERATOR: 1, Role.RAPPORTEUR: 1}
    MEMBER_STATE_ROLES = (Role.CO_CHAIR, Role.KEYNOTE)
    SESSION_ROLES = (Role.KEYNOTE, Role.MODERATOR)
    # What each role's form asks.
    FIELDS = {
        Role.CO_CHAIR: ("speaker_name", "speaker_title", "gender"),
        Role.KEYNOTE: ("session", "speaker_name", "speaker_title", "gender", "summary"),
        Role.MODERATOR: ("session", "motivation", "expertise", "cv"),
        Role.RAPPORTEUR: ("motivation", "experience", "cv"),
    }
    # Where a confirmed speaker without a session of their own appears in the programme.
    PROGRAMME_KINDS = {
        Role.CO_CHAIR: ("opening", "closing"),
        Role.RAPPORTEUR: ("hearing", "opening"),
    }
    # (days from the meeting day, local time) of the default opening and closing.
    DEFAULT_OPENS = (-70, datetime.time(9, 0))
    DEFAULT_CLOSES = (-35, datetime.time(23, 59))

    meeting = models.ForeignKey(
        "sessions_app.Meeting",
        on_delete=models.CASCADE,
        related_name="calls",
        verbose_name=_("meeting"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    opens_at = models.DateTimeField(
        _("opens at"),
        blank=True,
        help_text=_("Leave empty for the default: ten weeks before the meeting."),
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        blank=True,
        help_text=_(
            "Leave empty for the default: five weeks before the meeting. After this moment "
            "nobody can apply, change or withdraw."
        ),
    )

    class Meta:
        verbose_name = _("call for expressions of interest")
        verbose_name_plural = _("calls for expressions of interest")
        ordering = ("meeting", "role")
        constraints = [
            models.UniqueConstraint(fields=("meeting", "role"), name="call_once_per_role"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} ({self.meeting.slug})"

    def save(self, *args, **kwargs):
        self.defaults_fill()
        super().save(*args, **kwargs)

    def clean(self):
        self.defaults_fill()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    def defaults_fill(self) -> None:
        """Empty dates take their default, derived from the meeting date."""
        if self.meeting_id is None:
            return
        if self.opens_at is None:
            self.opens_at = self.meeting.at(*self.DEFAULT_OPENS)
        if self.closes_at is None:
            self.closes_at = self.meeting.at(*self.DEFAULT_CLOSES)

    @property
    def url_slug(self) -> str:
        return self.role.replace("_", "-")

    @property
    def short_label(self) -> str:
        return self.SHORT_LABELS[self.role]

    @property
    def seats(self) -> int:
        return self.SEATS[self.role]

    @property
    def for_member_states(self) -> bool:
        return self.role in self.MEMBER_STATE_ROLES

    @property
    def per_session(self) -> bool:
        return self.role in self.SESSION_ROLES

    @property
    def fields(self) -> tuple[str, ...]:
        return self.FIELDS[self.role]

    @property
    def needs_cv(self) -> bool:
        return "cv" in self.fields

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    def has_opened(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.opens_at


class ExpressionOfInterest(models.Model):
    """An offer to speak in one role: a Member State's (made by its verified focal point) or
    a stakeholder's own.

    Who speaks, their gender, country and category are kept on the record (for a stakeholder,
    copied from the profile when applying or changing) so the balance of the selection is
    read without joins and stays as it was when staff decided. ``programme_sessions`` lists
    the sessions where a selected speaker who confirmed appears; services keep it in step.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("expression of interest", "Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("expression of interest", "Withdrawn")
        SELECTED = "selected", pgettext_lazy("expression of interest", "Selected")
        NOT_SELECTED = "not_selected", pgettext_lazy("expression of interest", "Not selected")

    class Confirmation(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("speaker", "Confirmed")
        DECLINED = "declined", pgettext_lazy("speaker", "Declined")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="expressions", verbose_name=_("call")
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expressions_of_interest",
        verbose_name=_("Member State"),
    )
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="expressions_of_interest",
        verbose_name=_("stakeholder"),
    )
    submitted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    session = models.ForeignKey(
        "sessions_app.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expressions_of_interest",
        verbose_name=_("thematic session"),
    )
    speaker_name = models.CharField(_("speaker"), max_length=200)
    speaker_title = models.CharField(_("title or position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=User.Gender.choices, blank=True)
    country = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    stakeholder_category = models.ForeignKey(
        StakeholderCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder category"),
    )
    summary = models.TextField(_("summary of the presentation"), blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    experience = models.TextField(_("relevant experience"), blank=True)
    expertise = models.TextField(_("expertise across the session's GCM objectives"), blank=True)
    cv = models.FileField(_("CV"), upload_to="cvs/", blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    confirmation = models.CharField(
        _("confirmation"), max_length=10, choices=Confirmation.choices, blank=True
    )
    staff_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Seen by Network staff only.")
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("outcome sent at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    programme_sessions = models.ManyToManyField(
        "sessions_app.Session",
        related_name="speakers",
        blank=True,
        verbose_name=_("appears in the programme of"),
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_state__isnull=False, user__isnull=True)
                | models.Q(member_state__isnull=True, user__isnull=False),
                name="expression_of_a_state_or_a_person",
            ),
            models.UniqueConstraint(
                fields=("call", "member_state"),
                condition=models.Q(member_state__isnull=False) & ~models.Q(status="withdrawn"),
                name="expression_once_per_state_and_call",
            ),
            models.UniqueConstraint(
                fields=("call", "user"),
                condition=models.Q(user__isnull=False) & ~models.Q(status="withdrawn"),
                name="expression_once_per_person_and_call",
            ),
        ]
        permissions = [("export_expressionofinterest", "Can export expressions of interest")]

    def __str__(self):
        return f"{self.speaker_name} · {self.call.short_label}"

    @property
    def role_label(self) -> str:
        return self.call.short_label

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.WITHDRAWN

    @property
    def takes_a_seat(self) -> bool:
        """Selected and not declined: a decline frees the seat."""
        return (
            self.status == self.Status.SELECTED and self.confirmation != self.Confirmation.DECLINED
        )

    @property
    def outcome_sent(self) -> bool:
        return self.notified_at is not None

    @property
    def is_changeable(self) -> bool:
        """Its owner may still change or withdraw it (while the call is open)."""
        return self.is_active and not self.outcome_sent

    @property
    def awaits_answer(self) -> bool:
        return self.status == self.Status.SELECTED and self.outcome_sent and not self.confirmation

    @property
    def subregion(self) -> str:
        return self.country.subregion if self.country else ""

    @property
    def subregion_label(self) -> str:
        return subregion_label(self.subregion)

    @property
    def applicant_status(self) -> str:
        """The status as the applicant sees it: staff's choices show once the outcome is sent."""
        if self.status == self.Status.WITHDRAWN:
            return self.Status.WITHDRAWN.label
        if not self.outcome_sent:
            return self.Status.SUBMITTED.label
        if self.status == self.Status.SELECTED and self.confirmation:
            return self.get_confirmation_display()
        return self.get_status_display()

    @property
    def applicant_status_code(self) -> str:
        """A code for the status the applicant sees (for styling)."""
        if self.status == self.Status.WITHDRAWN:
            return self.status
        if not self.outcome_sent:
            return self.Status.SUBMITTED
        return self.confirmation or self.status
