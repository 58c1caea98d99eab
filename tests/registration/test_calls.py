"""Calls for expressions of interest: applying, changing, withdrawing, who may, and when."""

import datetime
import io
import json
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gcm_review.models import OutgoingEmail
from gcm_review.uploads import PDF as UPLOAD_PDF
from gcm_review.uploads import validate_upload
from registration.accounts import services as accounts_services
from registration.models import CV_MAX_BYTES, Call, ExpressionOfInterest, User
from registration.resources import ExpressionOfInterestExportResource
from registration.speakers import selection
from registration.speakers import services as speakers_services
from tests.conftest import make_user
from tests.registration.speakers import (
    PDF,
    apply,
    call_close,
    calls_open,
    cv_file,
    day,
    error_list,
    flashed,
    focal_point,
    offer,
    thematic,
)

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def calls(meeting):
    return calls_open(meeting)


def keynote_post(session, **overrides):
    data = {
        "session": str(session.pk),
        "speaker_name": "H.E. Ms Lilit Sargsyan",
        "speaker_title": "Deputy Minister of Labour",
        "gender": "woman",
        "summary": "Armenia's pathways for labour mobility.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def moderator_post(session, **overrides):
    data = {
        "session": str(session.pk),
        "motivation": "I moderate dialogues between migrants and governments.",
        "expertise": "Objectives 8 and 21: search and rescue, return and reintegration.",
        "cv": cv_file(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# The calls and their dates ----------------------------------------------------------------


def test_seed_creates_the_four_calls_with_dates_derived_from_the_meeting(meeting):
    calls = {
        call.role: (call.opens_at.astimezone(GENEVA), call.closes_at.astimezone(GENEVA))
        for call in meeting.calls.all()
    }
    ten_weeks_before = datetime.datetime(2024, 1, 1, 9, 0, tzinfo=GENEVA)
    five_weeks_before = datetime.datetime(2024, 2, 5, 23, 59, tzinfo=GENEVA)
    assert calls == dict.fromkeys(
        ("co_chair", "keynote", "moderator", "rapporteur"), (ten_weeks_before, five_weeks_before)
    )


def test_second_seed_creates_no_call_and_keeps_the_dates_staff_set(meeting):
    moved = datetime.datetime(2024, 1, 15, 12, 0, tzinfo=GENEVA)
    meeting.calls.filter(role="rapporteur").update(closes_at=moved)
    output = io.StringIO()
    call_command("seed", stdout=output)
    assert "calls: 0" in output.getvalue()
    assert meeting.calls.count() == 4
    assert meeting.calls.get(role="rapporteur").closes_at == moved


def test_seed_demo_opens_every_call_until_the_demo_windows_close(meeting):
    call_command("seed", "--demo", stdout=io.StringIO())
    meeting.refresh_from_db()
    assert [(call.role, call.is_open()) for call in meeting.calls.all()] == [
        ("co_chair", True),
        ("keynote", True),
        ("moderator", True),
        ("rapporteur", True),
    ]
    assert set(meeting.calls.values_list("closes_at", flat=True)) == {meeting.demo_windows_until}


def test_a_call_added_in_the_admin_with_empty_dates_takes_the_defaults(meeting, client_of):
    admin = make_user("root@example.org", is_staff=True, is_superuser=True)
    meeting.calls.filter(role="moderator").delete()
    response = client_of(admin).post(
        "/admin/registration/call/add/",
        {"meeting": meeting.pk, "role": "moderator", "opens_at_0": "", "opens_at_1": ""},
    )
    assert response.status_code == 302
    call = meeting.calls.get(role="moderator")
    assert (call.opens_at.astimezone(GENEVA), call.closes_at.astimezone(GENEVA)) == (
        datetime.datetime(2024, 1, 1, 9, 0, tzinfo=GENEVA),
        datetime.datetime(2024, 2, 5, 23, 59, tzinfo=GENEVA),
    )


def test_a_call_cannot_close_before_it_opens(meeting):
    call = meeting.calls.get(role="keynote")
    call.closes_at = call.opens_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert error.value.message_dict == {"closes_at": ["The call must close after it opens."]}


# Applying, changing, withdrawing ----------------------------------------------------------


def test_focal_point_offers_a_keynote_speaker_for_their_own_state(
    client_of, calls, focal_point_a, focal_point_b, django_capture_on_commit_callbacks
):
    session = thematic(calls["keynote"].meeting, 2)
    portugal = focal_point_b.verified_member_state
    with django_capture_on_commit_callbacks(execute=True):
        # A forged field naming another state changes nothing: the state is the focal point's.
        response = client_of(focal_point_a).post(
            "/apply/keynote/", keynote_post(session, member_state=str(portugal.pk))
        )
    assert (response.status_code, response["Location"]) == (302, "/apply/")
    expression = ExpressionOfInterest.objects.get()
    assert (
        expression.call.role,
        expression.member_state.iso_alpha3,
        expression.country.iso_alpha3,
        expression.user,
        expression.submitted_by,
        expression.session,
        expression.speaker_name,
        expression.speaker_title,
        expression.gender,
        expression.summary,
        expression.status,
    ) == (
        "keynote",
        "ARM",
        "ARM",
        None,
        focal_point_a,
        session,
        "H.E. Ms Lilit Sargsyan",
        "Deputy Minister of Labour",
        "woman",
        "Armenia's pathways for labour mobility.",
        "submitted",
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["anahit@mfa.example.am"],
            "[GCM Regional Review] We have received your expression of interest",
        )
    ]


def test_stakeholder_applies_as_moderator_with_their_profile_and_a_cv(
    client_of, calls, stakeholder
):
    session = thematic(calls["moderator"].meeting, 2)
    response = client_of(stakeholder).post("/apply/moderator/", moderator_post(session))
    assert response.status_code == 302
    expression = ExpressionOfInterest.objects.get()
    assert (
        expression.user,
        expression.member_state,
        expression.session,
        expression.speaker_name,
        expression.organisation,
        expression.gender,
        expression.country.iso_alpha3,
        expression.stakeholder_category.slug,
        expression.expertise,
    ) == (
        stakeholder,
        None,
        session,
        "Sofia Stakeholder",
        "Migrant Voices",
        "woman",
        "ITA",
        "civil_society",
        "Objectives 8 and 21: search and rescue, return and reintegration.",
    )
    assert expression.cv.read() == PDF


def test_applicant_changes_their_expression_and_a_new_cv_replaces_the_old_file(
    client_of, calls, stakeholder, django_capture_on_commit_callbacks
):
    meeting = calls["moderator"].meeting
    expression = apply(calls, stakeholder, "moderator", session=thematic(meeting, 1))
    storage, old_name = expression.cv.storage, expression.cv.name
    new_cv = PDF + b"% the second version\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(stakeholder).post(
            f"/apply/{expression.pk}/edit/",
            moderator_post(thematic(meeting, 3), motivation="Changed.", cv=cv_file(new_cv)),
        )
    assert (response.status_code, response["Location"]) == (302, "/apply/")
    expression.refresh_from_db()
    assert (expression.session.number, expression.motivation) == (3, "Changed.")
    assert expression.cv.read() == new_cv
    assert expression.cv.name != old_name
    assert storage.exists(old_name) is False


def test_changing_without_a_new_cv_keeps_the_one_sent(client_of, calls, stakeholder):
    expression = apply(calls, stakeholder, "rapporteur")
    response = client_of(stakeholder).post(
        f"/apply/{expression.pk}/edit/",
        {"motivation": "Still me.", "experience": "Ten years of reporting."},
    )
    assert response.status_code == 302
    expression.refresh_from_db()
    assert (expression.experience, expression.cv.read()) == ("Ten years of reporting.", PDF)


def test_applicant_withdraws_and_may_apply_again(client_of, calls, stakeholder):
    expression = apply(calls, stakeholder, "rapporteur")
    client = client_of(stakeholder)
    response = client.post(f"/apply/{expression.pk}/withdraw/")
    assert flashed(response) == ["Your expression of interest has been withdrawn."]
    expression.refresh_from_db()
    assert (expression.status, expression.status_changed_by) == ("withdrawn", stakeholder)
    again = apply(calls, stakeholder, "rapporteur")
    assert list(ExpressionOfInterest.objects.values_list("pk", "status")) == [
        (expression.pk, "withdrawn"),
        (again.pk, "submitted"),
    ]


def test_a_person_and_a_state_apply_to_several_roles_but_once_each(
    client_of, calls, stakeholder, focal_point_a
):
    meeting = calls["keynote"].meeting
    offer(calls, focal_point_a, "co_chair")
    offer(calls, focal_point_a, "keynote", session=thematic(meeting, 1))
    apply(calls, stakeholder, "rapporteur")
    apply(calls, stakeholder, "moderator", session=thematic(meeting, 4))
    with pytest.raises(ValidationError) as error:
        offer(calls, focal_point_a, "keynote", session=thematic(meeting, 3))
    assert error.value.messages == [
        "Armenia has already expressed interest in this role. You can change it."
    ]
    with pytest.raises(ValidationError) as error:
        apply(calls, stakeholder, "rapporteur")
    assert error.value.messages == [
        "You have already expressed interest in this role. You can change it."
    ]
    assert ExpressionOfInterest.objects.count() == 4
    # Opening the form again leads to the expression already made.
    response = client_of(stakeholder).get("/apply/rapporteur/")
    rapporteur = ExpressionOfInterest.objects.get(call__role="rapporteur")
    assert response["Location"] == f"/apply/{rapporteur.pk}/edit/"


def test_another_focal_point_of_the_same_state_manages_its_offer(client_of, calls, focal_point_a):
    expression = offer(calls, focal_point_a, "co_chair", name="H.E. Mr Ararat Mirzoyan")
    colleague = focal_point("ARM", email="second@mfa.example.am")
    client = client_of(colleague)
    page = client.get("/apply/").content.decode()
    assert "H.E. Mr Ararat Mirzoyan" in page
    response = client.post(
        f"/apply/{expression.pk}/edit/",
        {"speaker_name": "H.E. Mr Vahan Kostanyan", "speaker_title": "Deputy", "gender": "man"},
    )
    assert response.status_code == 302
    expression.refresh_from_db()
    assert (expression.speaker_name, expression.gender) == ("H.E. Mr Vahan Kostanyan", "man")


# Closed calls -----------------------------------------------------------------------------


def test_a_closed_call_refuses_new_expressions_even_by_forged_post(client_of, calls, stakeholder):
    call = call_close(calls["moderator"])
    session = thematic(call.meeting, 2)
    client = client_of(stakeholder)
    assert "closed" in client.get("/apply/moderator/").content.decode()
    response = client.post("/apply/moderator/", moderator_post(session))
    assert response.status_code == 200
    assert error_list(response) == [
        f"This call closed on {day(call.closes_at)}: expressions of interest can no longer be "
        "made, changed or withdrawn."
    ]
    assert ExpressionOfInterest.objects.count() == 0


def test_a_closed_call_refuses_changes_and_withdrawal_even_by_forged_post(
    client_of, calls, focal_point_a
):
    expression = offer(calls, focal_point_a, "co_chair", name="H.E. First")
    call = call_close(calls["co_chair"])
    client = client_of(focal_point_a)
    closed = (
        f"This call closed on {day(call.closes_at)}: expressions of interest can no longer be "
        "made, changed or withdrawn."
    )
    response = client.post(
        f"/apply/{expression.pk}/edit/",
        {"speaker_name": "H.E. Second", "speaker_title": "Minister", "gender": "man"},
    )
    assert error_list(response) == [closed]
    response = client.post(f"/apply/{expression.pk}/withdraw/")
    assert flashed(response) == [closed]
    expression.refresh_from_db()
    assert (expression.speaker_name, expression.gender, expression.status) == (
        "H.E. First",
        "woman",
        "submitted",
    )


def test_a_call_not_open_yet_refuses_expressions(calls, stakeholder):
    call = calls["rapporteur"]
    Call.objects.filter(pk=call.pk).update(opens_at=call.closes_at - datetime.timedelta(days=1))
    call.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        apply(calls | {"rapporteur": call}, stakeholder, "rapporteur")
    assert error.value.messages == [
        f"This call for expressions of interest opens on {day(call.opens_at)}."
    ]


# Who may apply for what -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["co-chair", "keynote"])
def test_a_stakeholder_cannot_apply_for_member_state_roles(client_of, calls, stakeholder, role):
    session = thematic(calls["keynote"].meeting, 1)
    client = client_of(stakeholder)
    assert client.get(f"/apply/{role}/").status_code == 403
    assert client.post(f"/apply/{role}/", keynote_post(session)).status_code == 403
    with pytest.raises(ValidationError) as error:
        offer(calls, stakeholder, role.replace("-", "_"), session=session)
    assert error.value.messages == [
        "Only the verified focal point of a Member State can offer a Co-Chair or a keynote speaker."
    ]
    assert ExpressionOfInterest.objects.count() == 0


def test_a_focal_point_cannot_apply_for_stakeholder_roles(client_of, calls, focal_point_a):
    client = client_of(focal_point_a)
    assert client.get("/apply/rapporteur/").status_code == 403
    with pytest.raises(ValidationError) as error:
        apply(calls, focal_point_a, "rapporteur")
    assert error.value.messages == [
        "You are the focal point of a Member State: the Rapporteur and the moderators are "
        "chosen among stakeholders."
    ]


def test_a_focal_point_whose_nomination_is_pending_cannot_offer_speakers(client_of, calls):
    from registration.models import FocalPoint, MemberState

    person = make_user("pending@mfa.example.ge", full_name="Pending Focal")
    FocalPoint.objects.create(user=person, member_state=MemberState.objects.get(iso_alpha3="GEO"))
    assert client_of(person).get("/apply/co-chair/").status_code == 403


def test_a_focal_point_cannot_change_or_withdraw_another_states_offer(
    client_of, calls, focal_point_a, focal_point_b
):
    expression = offer(calls, focal_point_a, "co_chair", name="H.E. Armenian")
    client = client_of(focal_point_b)
    edit = client.post(
        f"/apply/{expression.pk}/edit/",
        {"speaker_name": "H.E. Portuguese", "speaker_title": "Minister", "gender": "man"},
    )
    withdraw = client.post(f"/apply/{expression.pk}/withdraw/")
    assert (edit.status_code, withdraw.status_code) == (404, 404)
    with pytest.raises(ValidationError) as error:
        speakers_services.expression_withdraw(expression=expression, user=focal_point_b)
    assert error.value.messages == ["This is not your expression of interest."]
    expression.refresh_from_db()
    assert (expression.speaker_name, expression.status) == ("H.E. Armenian", "submitted")


def test_a_person_without_a_stakeholder_category_is_told_to_choose_one(client_of, calls):
    person = make_user("newcomer@example.org", full_name="New Comer")
    client = client_of(person)
    page = client.get("/apply/rapporteur/").content.decode()
    assert "choose your stakeholder category in your profile first" in page
    response = client.post(
        "/apply/rapporteur/",
        {"motivation": "M", "experience": "E", "cv": cv_file()},
    )
    assert error_list(response) == [
        "The Rapporteur and the moderators are chosen among stakeholders: choose your "
        "stakeholder category in your profile first."
    ]
    assert ExpressionOfInterest.objects.count() == 0


# Bad input --------------------------------------------------------------------------------


def upload_refusal(content: bytes) -> list[str]:
    """What the portal's upload check (gcm_review.uploads) says about a file."""
    try:
        validate_upload(cv_file(content), allowed={UPLOAD_PDF}, max_bytes=CV_MAX_BYTES)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "content, names",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "PDF"),
        (PDF + b"0" * (10 * 1024 * 1024), "10.0\xa0MB"),
    ],
    ids=["renamed-executable", "over-10-MB"],
)
def test_a_cv_must_be_a_pdf_of_at_most_10_mb(client_of, calls, stakeholder, content, names):
    message = upload_refusal(content)
    assert len(message) == 1 and names in message[0]
    session = thematic(calls["moderator"].meeting, 2)
    response = client_of(stakeholder).post(
        "/apply/moderator/", moderator_post(session, cv=cv_file(content, "cv.pdf"))
    )
    assert response.status_code == 200
    assert error_list(response) == [" ".join(m.split()) for m in message]
    # What was typed is still on the form.
    assert "I moderate dialogues between migrants and governments." in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        speakers_services.expression_submit(
            call=calls["moderator"],
            user=stakeholder,
            data={"session": session, "motivation": "M", "expertise": "E", "cv": cv_file(content)},
        )
    assert error.value.message_dict == {"cv": message}


def test_a_cv_is_required_for_the_rapporteur(client_of, calls, stakeholder):
    response = client_of(stakeholder).post(
        "/apply/rapporteur/", {"motivation": "M", "experience": "E"}
    )
    assert error_list(response) == ["Attach your CV as a PDF file."]
    assert ExpressionOfInterest.objects.count() == 0


def test_a_keynote_speaker_is_offered_for_a_thematic_session_only(client_of, calls, focal_point_a):
    hearing = calls["keynote"].meeting.sessions.get(kind="hearing")
    response = client_of(focal_point_a).post("/apply/keynote/", keynote_post(hearing))
    assert error_list(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    with pytest.raises(ValidationError) as error:
        offer(calls, focal_point_a, "keynote", session=hearing)
    assert error.value.message_dict == {"session": ["Choose one of the thematic sessions."]}
    assert ExpressionOfInterest.objects.count() == 0


def test_missing_fields_are_named_and_nothing_is_saved(client_of, calls, focal_point_a):
    session = thematic(calls["keynote"].meeting, 1)
    response = client_of(focal_point_a).post(
        "/apply/keynote/", keynote_post(session, speaker_name="", gender=None)
    )
    assert error_list(response) == ["This field is required.", "This field is required."]
    assert 'value="Deputy Minister of Labour"' in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0


# Personal data and exports ----------------------------------------------------------------


def test_my_data_download_holds_my_expressions_and_not_the_internal_note(
    client_of, calls, stakeholder, focal_point_a
):
    expression = apply(calls, stakeholder, "rapporteur")
    selection.expression_note_save(expression=expression, note="Strong candidate.", by=None)
    offer(calls, focal_point_a, "co_chair")
    data = json.loads(client_of(stakeholder).get("/my/data.json").content)
    assert [
        (e["role"], e["speaker_name"], e["motivation"], e["status"])
        for e in data["expressions_of_interest"]
    ] == [("rapporteur", "Sofia Stakeholder", "Why me.", "submitted")]
    assert "Strong candidate." not in json.dumps(data)
    data = json.loads(client_of(focal_point_a).get("/my/data.json").content)
    assert [(e["role"], e["member_state"]) for e in data["expressions_of_interest"]] == [
        ("co_chair", "Armenia")
    ]


def test_deleting_my_account_removes_my_expressions_and_cv_but_not_my_states_offer(
    calls, stakeholder, focal_point_a, django_capture_on_commit_callbacks
):
    mine = apply(calls, stakeholder, "rapporteur")
    storage, cv_name = mine.cv.storage, mine.cv.name
    states = offer(calls, focal_point_a, "co_chair")
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.user_delete(user=stakeholder)
        accounts_services.user_delete(user=focal_point_a)
    assert storage.exists(cv_name) is False
    assert list(ExpressionOfInterest.objects.values_list("pk", "submitted_by")) == [
        (states.pk, None)
    ]
    assert (
        User.objects.filter(email__in=["sofia@example.org", "anahit@mfa.example.am"]).count() == 0
    )


EXPORT_HEADERS = [
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
]


@pytest.mark.parametrize("format_title", ["csv", "xlsx"])
def test_data_managers_export_expressions_without_cv_files_and_formula_safe(
    calls, stakeholder, focal_point_a, data_manager, client_of, format_title
):
    from tests.registration.test_exports import export_form_data, rows_of

    apply(calls, stakeholder, "rapporteur")
    session = thematic(calls["keynote"].meeting, 2)
    speakers_services.expression_submit(
        call=calls["keynote"],
        user=focal_point_a,
        data={
            "session": session,
            "speaker_name": '=HYPERLINK("http://evil")',
            "speaker_title": "Minister",
            "gender": "man",
            "summary": "+SUM(1)",
        },
    )
    client = client_of(data_manager)
    path = "/admin/registration/expressionofinterest/export/"
    response = client.post(path, export_form_data(client, path, format_title))

    rows = rows_of(response, format_title)
    assert list(rows[0]) == EXPORT_HEADERS
    assert [
        {
            key: row[key]
            for key in ("role", "session", "member_state", "email", "speaker_name", "summary")
        }
        | {"cv_attached": row["cv_attached"], "subregion": row["subregion"]}
        for row in rows
    ] == [
        {
            "role": "rapporteur",
            "session": "" if format_title == "csv" else None,
            "member_state": "" if format_title == "csv" else None,
            "email": "sofia@example.org",
            "speaker_name": "Sofia Stakeholder",
            "summary": "" if format_title == "csv" else None,
            "cv_attached": "yes",
            "subregion": "Southern Europe",
        },
        {
            "role": "keynote",
            "session": "Thematic session 2",
            "member_state": "Armenia",
            "email": "" if format_title == "csv" else None,
            "speaker_name": '\'=HYPERLINK("http://evil")',
            "summary": "'+SUM(1)",
            "cv_attached": "no",
            "subregion": "Western Asia",
        },
    ]
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("n", [1, 3])
def test_expression_export_queries_do_not_grow_with_rows(calls, django_assert_num_queries, n):
    meeting = calls["moderator"].meeting
    for i in range(n):
        person = make_user(f"person{i}@example.org", full_name=f"Person {i}")
        ExpressionOfInterest.objects.create(
            call=calls["moderator"],
            user=person,
            speaker_name=person.full_name,
            session=thematic(meeting, 1 + i % 4),
        )
    with django_assert_num_queries(1):
        dataset = ExpressionOfInterestExportResource().export()
    assert len(dataset.dict) == n


def test_every_mail_went_through_the_outbox(calls, stakeholder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        apply(calls, stakeholder, "rapporteur")
    assert list(OutgoingEmail.objects.values_list("to", "language")) == [
        ("sofia@example.org", "en")
    ]
    assert [m.to for m in mail.outbox] == [["sofia@example.org"]]


def test_staff_read_an_expression_in_the_admin_and_reach_its_cv_through_the_portal(
    calls, stakeholder, staff_user, client_of
):
    expression = apply(calls, stakeholder, "rapporteur")
    client = client_of(staff_user)
    listing = client.get("/admin/registration/expressionofinterest/")
    assert (listing.status_code, "Sofia Stakeholder" in listing.content.decode()) == (200, True)
    page = client.get(f"/admin/registration/expressionofinterest/{expression.pk}/change/")
    assert page.status_code == 200
    assert f'href="/apply/{expression.pk}/cv/"' in page.content.decode()
    assert "/media/" not in page.content.decode()


def test_the_service_checks_choices_and_lengths_whoever_calls_it(calls, focal_point_a):
    with pytest.raises(ValidationError) as error:
        speakers_services.expression_submit(
            call=calls["co_chair"],
            user=focal_point_a,
            data={"speaker_name": "x" * 201, "speaker_title": "Minister", "gender": "robot"},
        )
    assert error.value.message_dict == {
        "speaker_name": ["Ensure this value has at most 200 characters (it has 201)."],
        "gender": ["Value 'robot' is not a valid choice."],
    }
    assert ExpressionOfInterest.objects.count() == 0
