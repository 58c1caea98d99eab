"""Form fuzzing with Hypothesis: the portal's main forms, filled by ``from_form`` with values
that fit and values that do not (NUL, markup, huge numbers, any Unicode), are validated
without an exception and posted through the real views without a 500.

Each example runs in a transaction that is rolled back, so one example's saved data never
changes the next. Examples are derandomized: a run is the same on every machine.
"""

import contextlib

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.extra.django import from_form, register_field_strategy

from gcm_review.forms import LocalizedModelChoiceField, LocalizedModelMultipleChoiceField
from registration.accounts.forms import FocalPointForm, ProfileForm, SignupProfileForm
from registration.forms import RegistrationForm
from registration.models import Call, MemberState, StakeholderCategory
from registration.speakers.forms import ExpressionOfInterestForm
from reports.forms import CommentForm
from sessions_app.models import GCMObjective
from submissions.forms import SubmissionForm
from submissions.voices.discussion.forms import PostForm
from submissions.voices.forms import KeyMessageForm, ObjectivesField
from tests.hostile._portal_world import PDF
from tests.hostile._upload_helpers import docx, zip_plain

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)

# Values no browser sends from these forms.
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "\x00",
            "-1",
            "0",
            "99999999999999999999",
            "1e9",
            "<script>alert(1)</script>",
            '=HYPERLINK("https://evil.example")',
            "\u202e",
            "../../etc/passwd",
            " ",
        ]
    ),
)

# The portal's own choice fields: any id-like value; the tests add the real ids.
for field_type, strategy in (
    (LocalizedModelChoiceField, HOSTILE),
    (LocalizedModelMultipleChoiceField, st.lists(HOSTILE, max_size=3)),
    (ObjectivesField, st.lists(HOSTILE, max_size=3)),
):
    with contextlib.suppress(InvalidArgument):  # registered once per process
        register_field_strategy(field_type, strategy)


def ids_of(queryset) -> st.SearchStrategy:
    return st.sampled_from([str(pk) for pk in queryset.values_list("pk", flat=True)])


def id_lists(queryset, min_size: int = 0) -> st.SearchStrategy:
    pks = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    return st.lists(st.sampled_from(pks), min_size=min_size, max_size=4, unique=True)


def spoiled(data, valid: dict, *, lists=()) -> dict:
    """Strategies for ``from_form``: the valid ones (``...`` lets Hypothesis infer one from
    the field), except for at most one field, drawn, which gets values no browser sends."""
    name = data.draw(st.sampled_from([None, *sorted(valid)]), label="spoiled field")
    if name is None:
        return valid
    hostile = st.lists(HOSTILE, max_size=3) if name in lists else HOSTILE
    return {**valid, name: hostile}


def uploads() -> st.SearchStrategy:
    bodies = st.sampled_from([PDF, docx(), zip_plain(), b"", b"<html><script>x</script></html>"])
    names = st.sampled_from(["letter.pdf", "../../x.pdf", "cv\u202efdp.pdf", ".pdf", "a.html"])
    return st.builds(lambda body, name: SimpleUploadedFile(name, body), bodies, names)


def post_data(form, prefix: str = "") -> dict:
    """A bound form's data and files as a browser would post them."""
    data = {}
    for name, value in {**form.data, **form.files}.items():
        key = f"{prefix}-{name}" if prefix else name
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, SimpleUploadedFile):
            value.seek(0)
            data[key] = value
        else:
            data[key] = str(getattr(value, "pk", value))
    return data


@contextlib.contextmanager
def rolled_back():
    """One example's writes, undone before the next."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def validates_without_error(form) -> bool:
    """The form judges the data (valid or not) without raising."""
    form.is_valid()
    if form.is_bound and not form.errors:
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if isinstance(field, forms.CharField) and field.max_length and value:
                assert len(value) <= field.max_length, name
            if isinstance(value, str):
                assert "\x00" not in value, name
    return True


def answered(response) -> int:
    assert response.status_code < 500, response.status_code
    return response.status_code


# Accounts and profiles -----------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_signup_form_never_fails(client, world, data):
    valid = {"full_name": ..., "preferred_language": ..., "email": st.emails()}
    strategies = spoiled(data, valid)
    email = data.draw(strategies.pop("email"), label="email")
    form = data.draw(from_form(SignupProfileForm, **strategies))
    assert validates_without_error(form)
    payload = {
        "email": email,
        "password1": "a-long-test-password",
        "password2": "a-long-test-password",
        **post_data(form),
    }
    with rolled_back():
        answered(client.post("/accounts/signup/", payload))


def profile_strategies(data) -> dict:
    """A stakeholder's profile: a category and no delegation (or one field spoiled)."""
    valid = {
        "full_name": ...,
        "organisation": ...,
        "title": ...,
        "gender": ...,
        "accessibility_needs": ...,
        "preferred_language": ...,
        "stakeholder_category": ids_of(StakeholderCategory.objects.order_by("order")),
        "delegation": st.just(""),
        "country": st.one_of(st.just(""), ids_of(MemberState.objects.order_by("name"))),
    }
    return spoiled(data, valid)


@FUZZ
@given(data=st.data())
def test_profile_form_never_fails(client_of, world, data):
    person = world.people["stakeholder_b"]
    form = data.draw(
        from_form(ProfileForm, form_kwargs={"instance": person}, **profile_strategies(data))
    )
    assert validates_without_error(form)
    client = client_of(person)
    with rolled_back():
        answered(client.post("/my/profile/", post_data(form)))


@FUZZ
@given(data=st.data())
def test_registration_form_never_fails(client_of, world, data):
    person = world.people["stakeholder_b"]
    profile = data.draw(
        from_form(ProfileForm, form_kwargs={"instance": person}, **profile_strategies(data))
    )
    valid = {"parts": ..., "attendance": ..., "consent_privacy": st.just(True)}
    registration = data.draw(
        from_form(RegistrationForm, **spoiled(data, valid) if profile.is_valid() else valid)
    )
    assert validates_without_error(registration)
    client = client_of(person)
    with rolled_back():
        answered(
            client.post(
                "/register/",
                {**post_data(profile, "profile"), **post_data(registration, "registration")},
            )
        )


@FUZZ
@given(data=st.data())
def test_focal_point_nomination_form_never_fails(client_of, world, data):
    form = data.draw(
        from_form(
            FocalPointForm,
            **spoiled(
                data,
                {
                    "member_state": ids_of(MemberState.objects.order_by("name")),
                    "nomination_letter": uploads(),
                },
            ),
        )
    )
    assert validates_without_error(form)
    client = client_of(world.people["stakeholder_b"])
    with rolled_back():
        answered(client.post("/my/focal-point/", post_data(form)))


# Expressions of interest ---------------------------------------------------------------------

APPLICANTS = {
    Call.Role.CO_CHAIR: "focal_point_b",
    Call.Role.KEYNOTE: "focal_point_b",
    Call.Role.MODERATOR: "stakeholder_b",
    Call.Role.RAPPORTEUR: "stakeholder_b",
}


@pytest.mark.parametrize("role", list(APPLICANTS))
@FUZZ
@given(data=st.data())
def test_expression_of_interest_form_never_fails(client_of, world, role, data):
    call = world.meeting.calls.get(role=role)
    valid = dict.fromkeys(call.fields, ...)
    if "session" in call.fields:
        valid["session"] = ids_of(world.meeting.sessions.filter(kind="thematic"))
    if "cv" in call.fields:
        valid["cv"] = uploads()
    form = data.draw(
        from_form(ExpressionOfInterestForm, form_kwargs={"call": call}, **spoiled(data, valid))
    )
    assert validates_without_error(form)
    client = client_of(world.people[APPLICANTS[role]])
    with rolled_back():
        answered(client.post(f"/apply/{call.url_slug}/", post_data(form)))


# Written inputs, the Discussion Space, the report, consultations -----------------------------


@FUZZ
@given(data=st.data())
def test_written_input_form_never_fails(client_of, world, data):
    submission = world.objects["submission_a"]
    submission.refresh_from_db()
    questions = [answer.question for answer in submission.answers.order_by("question__letter")]
    objectives = GCMObjective.objects.order_by("number")
    lists = [
        name
        for name in SubmissionForm(questions=questions).fields
        if name.startswith(("objectives_", "area_"))
    ]
    valid = {
        "version": st.just(submission.version),
        "language": ...,
        **{f"answer_{q.letter}": ... for q in questions},
        **{name: id_lists(objectives) for name in lists},
    }
    form = data.draw(
        from_form(
            SubmissionForm,
            form_kwargs={"questions": questions},
            **spoiled(data, valid, lists=lists),
        )
    )
    assert validates_without_error(form)
    client = client_of(world.people["focal_point_a"])
    with rolled_back():
        answered(client.post("/my/submission/", post_data(form)))


@FUZZ
@given(data=st.data())
def test_discussion_post_form_never_fails(client_of, world, data):
    published = str(world.objects["post_published"].pk)
    valid = {
        "text": ...,
        "language": ...,
        "parent": st.one_of(st.none(), st.just(published)),
    }
    form = data.draw(from_form(PostForm, **spoiled(data, valid)))
    assert validates_without_error(form)
    client = client_of(world.people["stakeholder_b"])
    with rolled_back():
        answered(client.post("/discussion/session-3/", post_data(form)))


@FUZZ
@given(data=st.data())
def test_report_comment_form_never_fails(client_of, world, data):
    sections = world.objects["report"].sections.all()
    foreign = str(world.objects["foreign_section"].pk)
    valid = {
        "section": st.one_of(ids_of(sections), st.just(foreign)),
        "passage": ...,
        "body": ...,
    }
    form = data.draw(
        from_form(CommentForm, form_kwargs={"sections": sections}, **spoiled(data, valid))
    )
    assert validates_without_error(form)
    client = client_of(world.people["focal_point_b"])
    with rolled_back():
        answered(client.post("/my/report/", post_data(form)))


@FUZZ
@given(data=st.data())
def test_consultation_key_message_form_never_fails(client_of, world, data):
    meeting = world.meeting
    valid = {
        "kind": ...,
        "text": ...,
        "session": ids_of(meeting.sessions.filter(kind="thematic").order_by("number")),
        "objectives": id_lists(GCMObjective.objects.order_by("number"), min_size=1),
    }
    form = data.draw(
        from_form(
            KeyMessageForm,
            form_kwargs={"meeting": meeting},
            **spoiled(data, valid, lists=["objectives"]),
        )
    )
    assert validates_without_error(form)
    client = client_of(world.people["staff"])
    consultation = world.objects["consultation_past"]
    with rolled_back():
        answered(client.post(f"/staff/consultations/{consultation.pk}/", post_data(form)))
