"""Code moves keep the tables and the data: a database written by the previous release's schema,
holding rows of every model the reshaping moved between modules, migrates to the current one and
reads back through today's models."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT_APPS = ("gcm_review", "sessions_app", "registration", "submissions", "reports")
# The leaves of the release before issues 16 and 17.
BEFORE = [
    ("gcm_review", "0002_audit_entry"),
    ("sessions_app", "0002_document_body_document_body_fr_document_body_ru_and_more"),
    ("registration", "0002_call_expressionofinterest_call_call_once_per_role_and_more"),
    ("submissions", "0003_stakeholder_voices"),
    ("reports", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _rows_write(old) -> None:
    """Rows written with the models as the previous release's migrations describe them."""
    now = timezone.now()
    user = old.get_model("registration", "User").objects.create(
        email="focal.point@example.org", password="!", full_name="Ana Focal"
    )
    state = old.get_model("registration", "MemberState").objects.create(
        name="Armenia",
        un_name="Armenia",
        iso_alpha2="AM",
        iso_alpha3="ARM",
        subregion="western_asia",
        portal_group="ARM",
    )
    old.get_model("registration", "FocalPoint").objects.create(user=user, member_state=state)
    meeting = old.get_model("sessions_app", "Meeting").objects.create(
        slug="moved", name="Review", date=datetime.date(2030, 3, 11), venue="Palais", city="Geneva"
    )
    session = old.get_model("sessions_app", "Session").objects.create(
        meeting=meeting,
        slug="opening",
        kind="opening",
        title="Opening",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=1),
    )
    call = old.get_model("registration", "Call").objects.create(
        meeting=meeting, role="rapporteur", opens_at=now, closes_at=now + datetime.timedelta(days=9)
    )
    old.get_model("registration", "ExpressionOfInterest").objects.create(
        call=call, speaker_name="Rapporteur Candidate", submitted_by=user, user=user
    )
    old.get_model("registration", "Registration").objects.create(
        meeting=meeting, user=user, parts="both", attendance="online"
    )
    thread = old.get_model("submissions", "DiscussionThread").objects.create(
        meeting=meeting,
        slug="question-a",
        session=session,
        opens_at=now,
        closes_at=now + datetime.timedelta(days=9),
    )
    old.get_model("submissions", "DiscussionPost").objects.create(
        thread=thread, author=user, language="en", text="<p>Kept</p>"
    )


def _rows_read() -> dict:
    """The same rows through today's models, wherever their modules now live."""
    from registration.models import Call, ExpressionOfInterest, FocalPoint, Registration, User
    from submissions.models import DiscussionPost

    user = User.objects.get(email="focal.point@example.org")
    return {
        "user": user.full_name,
        "focal_point": FocalPoint.objects.get(user=user).member_state.iso_alpha3,
        "call": Call.objects.get(meeting__slug="moved").role,
        "expression": ExpressionOfInterest.objects.get(submitted_by=user).speaker_name,
        "registration": Registration.objects.get(user=user).attendance,
        "post": DiscussionPost.objects.get(author=user).text,
    }


def test_a_database_of_the_previous_release_migrates_with_its_data():
    executor = _migrate(BEFORE)
    try:
        _rows_write(executor.loader.project_state(BEFORE).apps)
    finally:
        executor = _migrate(executor.loader.graph.leaf_nodes())
    assert _rows_read() == {
        "user": "Ana Focal",
        "focal_point": "ARM",
        "call": "rapporteur",
        "expression": "Rapporteur Candidate",
        "registration": "online",
        "post": "<p>Kept</p>",
    }


def test_every_model_keeps_its_app_and_its_table():
    tables = set(connection.introspection.table_names())
    models = [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]
    misplaced = {
        model._meta.label: model._meta.db_table
        for model in models
        if model._meta.db_table != f"{model._meta.app_label}_{model._meta.model_name}"
        or model._meta.db_table not in tables
    }
    assert (len(models) > 30, misplaced) == (True, {})
