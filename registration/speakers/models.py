"""Speakers: the calls for expressions of interest in the speaking roles of a meeting, and
the expressions of interest with their selection.

The models belong to the ``registration`` app (``registration/models.py`` imports them).
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registration.accounts.models import User
from sessions_app.windows import MeetingWindow

CV_MAX_BYTES = 10 * 1024 * 1024


class Call(MeetingWindow, models.Model):
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
        "registration.MemberState",
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
        "registration.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    stakeholder_category = models.ForeignKey(
        "registration.StakeholderCategory",
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
        from registration.models import subregion_label  # the app's models import this module

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
