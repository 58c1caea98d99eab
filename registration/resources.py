"""Spreadsheet exports and imports for the admin (django-import-export 4.x).

Exports escape every text cell that a spreadsheet could run as a formula. The focal-point
import goes through ``accounts.services.focal_point_import``, like every other way in.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from import_export import fields, resources

from gcm_review.spreadsheet import cell_safe

from .accounts.services import focal_point_import
from .models import ExpressionOfInterest, FocalPoint, MemberState, Registration, User


class SafeExportResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return cell_safe(super().export_field(field, instance, **kwargs))


def _name(obj) -> str:
    return str(obj) if obj else ""


class RegistrationExportResource(SafeExportResource):
    email = fields.Field(column_name="email")
    full_name = fields.Field(column_name="full_name")
    organisation = fields.Field(column_name="organisation")
    category = fields.Field(column_name="category")
    delegation = fields.Field(column_name="delegation")
    country = fields.Field(column_name="country")
    subregion = fields.Field(column_name="subregion")

    class Meta:
        model = Registration
        fields = (
            "id",
            "email",
            "full_name",
            "organisation",
            "category",
            "delegation",
            "country",
            "subregion",
            "gender",
            "parts",
            "attendance",
            "status",
            "consent_public_list",
            "created_at",
            "status_changed_at",
        )
        export_order = fields

    def get_queryset(self):
        return Registration.objects.select_related(
            "user", "stakeholder_category", "delegation", "country"
        ).order_by("pk")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("user", "stakeholder_category", "delegation", "country")

    def dehydrate_email(self, registration):
        return registration.user.email if registration.user else ""

    def dehydrate_full_name(self, registration):
        return registration.user.full_name if registration.user else ""

    def dehydrate_organisation(self, registration):
        return registration.user.organisation if registration.user else ""

    def dehydrate_category(self, registration):
        return _name(registration.stakeholder_category)

    def dehydrate_delegation(self, registration):
        return _name(registration.delegation)

    def dehydrate_country(self, registration):
        return _name(registration.country)

    def dehydrate_subregion(self, registration):
        return registration.subregion


class UserExportResource(SafeExportResource):
    category = fields.Field(column_name="category")
    delegation = fields.Field(column_name="delegation")
    country = fields.Field(column_name="country")

    class Meta:
        model = User
        fields = (
            "id",
            "email",
            "full_name",
            "title",
            "organisation",
            "category",
            "delegation",
            "country",
            "gender",
            "preferred_language",
            "date_joined",
        )
        export_order = fields

    def get_queryset(self):
        return User.objects.select_related("stakeholder_category", "delegation", "country")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("stakeholder_category", "delegation", "country")

    def dehydrate_category(self, user):
        return _name(user.stakeholder_category)

    def dehydrate_delegation(self, user):
        return _name(user.delegation)

    def dehydrate_country(self, user):
        return _name(user.country)


class ExpressionOfInterestExportResource(SafeExportResource):
    """Expressions of interest for the selection: who, for what, the text they sent and where
    the selection stands. CV files stay on the portal: the sheet only says whether one is
    attached."""

    meeting = fields.Field(column_name="meeting")
    role = fields.Field(column_name="role")
    session = fields.Field(column_name="session")
    member_state = fields.Field(column_name="member_state")
    email = fields.Field(column_name="email")
    country = fields.Field(column_name="country")
    subregion = fields.Field(column_name="subregion")
    category = fields.Field(column_name="category")
    cv_attached = fields.Field(column_name="cv_attached")

    class Meta:
        model = ExpressionOfInterest
        fields = (
            "id",
            "meeting",
            "role",
            "session",
            "member_state",
            "email",
            "speaker_name",
            "speaker_title",
            "organisation",
            "gender",
            "country",
            "subregion",
            "category",
            "summary",
            "motivation",
            "experience",
            "expertise",
            "cv_attached",
            "status",
            "confirmation",
            "staff_note",
            "created_at",
            "notified_at",
            "responded_at",
        )
        export_order = fields

    RELATED = (
        "call__meeting",
        "session",
        "member_state",
        "user",
        "country",
        "stakeholder_category",
    )

    def get_queryset(self):
        return ExpressionOfInterest.objects.select_related(*self.RELATED).order_by("pk")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.RELATED)

    def dehydrate_meeting(self, expression):
        return expression.call.meeting.slug

    def dehydrate_role(self, expression):
        return expression.call.role

    def dehydrate_session(self, expression):
        return _name(expression.session)

    def dehydrate_member_state(self, expression):
        return _name(expression.member_state)

    def dehydrate_email(self, expression):
        return expression.user.email if expression.user else ""

    def dehydrate_country(self, expression):
        return _name(expression.country)

    def dehydrate_subregion(self, expression):
        return expression.subregion

    def dehydrate_category(self, expression):
        return _name(expression.stakeholder_category)

    def dehydrate_cv_attached(self, expression):
        return "yes" if expression.cv else "no"


class FocalPointImportResource(resources.ModelResource):
    """Columns: email, full_name, member_state (ISO 3166 alpha-3 code, e.g. ARM)."""

    email = fields.Field(column_name="email", attribute="user__email", readonly=True)
    full_name = fields.Field(column_name="full_name", attribute="user__full_name", readonly=True)
    member_state = fields.Field(
        column_name="member_state", attribute="member_state__iso_alpha3", readonly=True
    )

    class Meta:
        model = FocalPoint
        fields = ("email", "full_name", "member_state")
        import_id_fields = ()
        use_bulk = False

    def get_instance(self, instance_loader, row):
        email = (row.get("email") or "").strip().lower()
        return (
            FocalPoint.objects.select_related("user", "member_state")
            .filter(user__email=email)
            .first()
        )

    def import_instance(self, instance, row, **kwargs):
        email = (row.get("email") or "").strip().lower()
        code = (row.get("member_state") or "").strip().upper()
        errors = {}
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Not a valid email address."
        state = MemberState.objects.filter(iso_alpha3=code).first()
        if state is None:
            errors["member_state"] = f"Unknown member state code {code!r}: use ISO alpha-3."
        if errors:
            raise ValidationError(errors)
        instance._import = {
            "email": email,
            "full_name": (row.get("full_name") or "").strip(),
            "member_state": state,
        }
        instance.member_state = state

    def save_instance(self, instance, is_create, row, **kwargs):
        focal_point = focal_point_import(**instance._import, by=kwargs.get("user"))
        instance.pk, instance.user = focal_point.pk, focal_point.user
