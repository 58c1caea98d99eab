"""The summary report: its outline, compiled versions, circulation, comments and publication."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registration.models import MemberState
from sessions_app.models import Meeting


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        CIRCULATED = "circulated", _("Circulated to Member States")
        COMMENTS_CLOSED = "comments_closed", _("Comments closed")
        FINAL = "final", _("Final")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFTING
    )
    circulated_version = models.ForeignKey(
        "ReportVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    comments_close_at = models.DateTimeField(_("comments close at"), null=True, blank=True)
    final_version = models.ForeignKey(
        "ReportVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    final_at = models.DateTimeField(_("final at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")

    def __str__(self):
        return self.title


class Section(models.Model):
    """One entry of the outline: a narrative part staff write, or a part compiled from data."""

    class Compiled(models.TextChoices):
        PARTICIPATION = "participation", _("Participation")
        WRITTEN_INPUTS = "written_inputs", _("Written inputs received")
        COVERAGE = "coverage", _("GCM objectives covered")
        COOPERATION = "cooperation", _("Areas for strengthened cooperation")
        SPEAKERS = "speakers", _("Speakers")
        SESSION_RECORDS = "session_records", _("Key points and recommendations by session")
        FEEDBACK = "feedback", _("Feedback survey")
        ANNEX_INPUTS = "annex_inputs", _("Annex: published written inputs")
        COMPENDIUM = "compendium", _("Annex: compendium of written inputs")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    compiled = models.CharField(
        _("compiled from data"), max_length=20, choices=Compiled.choices, blank=True
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised HTML."))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ("report", "order", "pk")

    def __str__(self):
        return self.title

    @property
    def anchor(self) -> str:
        return f"section-{self.pk}"


class Quote(models.Model):
    """A key point or answer pulled into a narrative section, with its source shown."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quoted text"))
    source = models.CharField(_("source"), max_length=300)
    source_url = models.CharField(_("link to the source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ("section", "created_at", "pk")

    def __str__(self):
        return f"{self.source}: {self.text[:50]}"


def version_path(version, filename):
    return f"reports/{version.report_id}/v{version.number}/{filename}"


class ReportVersion(models.Model):
    """An immutable compiled version: the PDF, its HTML and the data it was made from."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    pdf = models.FileField(_("PDF"), upload_to=version_path)
    html = models.TextField(_("HTML"))
    data = models.JSONField(_("data snapshot"))
    with_compendium = models.BooleanField(_("with the compendium"), default=False)
    page_count = models.PositiveIntegerField(_("pages"))
    seconds = models.FloatField(_("time taken (s)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("compiled at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ("report", "-number")
        constraints = [
            models.UniqueConstraint(fields=("report", "number"), name="report_version_once")
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"


class CompileJob(models.Model):
    """A request to compile the report; at most one is queued or running per report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    STAGES = {
        "gathering": _("Gathering the data and writing the HTML"),
        "pdf": _("Making the PDF"),
        "saving": _("Saving the version"),
        "done": _("Done"),
    }

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="jobs")
    with_compendium = models.BooleanField(_("with the compendium"), default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    version = models.OneToOneField(
        ReportVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="job"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("compile job")
        verbose_name_plural = _("compile jobs")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("report",),
                condition=Q(status__in=("queued", "running")),
                name="one_active_compile_per_report",
            )
        ]

    def __str__(self):
        return f"{self.report} {self.status} {self.percent}%"

    def get_absolute_url(self):
        return reverse("reports:job", kwargs={"pk": self.pk})

    @property
    def stage_label(self) -> str:
        return str(self.STAGES.get(self.stage, self.stage))


class ReportComment(models.Model):
    """A Member State's comment on a section of a circulated version."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    member_state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    passage = models.TextField(_("quoted passage"), blank=True)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    addressed = models.BooleanField(_("addressed"), default=False)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    addressed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment on the report")
        verbose_name_plural = _("comments on the report")
        ordering = ("section__order", "created_at")

    def __str__(self):
        return f"{self.member_state}: {self.body[:40]}"


from .reminders.models import ReminderOptOut, ReminderRule, ReminderSent  # noqa: E402,F401
