"""Multi-stakeholder Consultations, the Rapporteur and their summary, session records, GCM Talks."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from registration.models import Call, ExpressionOfInterest, MemberState, StakeholderCategory
from submissions.models import (
    ConsultationRegistration,
    GCMTalk,
    KeyMessage,
    RapporteurSummary,
    SessionPoint,
)
from submissions.voices import permissions, selectors, services
from tests.html import text, texts

from .conftest import objectives, session
from .pages import by_class, errors

# Consultations ------------------------------------------------------------------------------


def test_stakeholder_registers_for_an_upcoming_consultation_and_gets_a_mail(
    client_of, stakeholder, upcoming_consultation, django_capture_on_commit_callbacks
):
    client = client_of(stakeholder)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/consultations/{upcoming_consultation.pk}/register/")
    assert (response.status_code, response["Location"]) == (302, "/consultations/#consultation-2")
    assert list(ConsultationRegistration.objects.values_list("user__email", flat=True)) == [
        "sofia@example.org"
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["sofia@example.org"],
            "[GCM Regional Review] You are registered: Second Multi-stakeholder Consultation",
        )
    ]
    assert "Bring your badge." in mail.outbox[0].body
    page = client.get("/consultations/")
    assert "You are registered" in by_class(page.content, "span", "status")
    assert "Bring your badge." in page.content.decode()


def test_joining_details_are_for_registered_stakeholders_only(
    client_of, stakeholder, other_stakeholder, upcoming_consultation
):
    services.consultation_register(consultation=upcoming_consultation, user=stakeholder)
    assert (
        "Bring your badge."
        not in client_of(other_stakeholder).get("/consultations/").content.decode()
    )
    assert "Bring your badge." not in client_of(None).get("/consultations/").content.decode()


def test_registering_twice_keeps_one_registration_and_cancelling_removes_it(
    client_of, stakeholder, upcoming_consultation
):
    client = client_of(stakeholder)
    client.post(f"/consultations/{upcoming_consultation.pk}/register/")
    client.post(f"/consultations/{upcoming_consultation.pk}/register/")
    assert ConsultationRegistration.objects.count() == 1
    client.post(f"/consultations/{upcoming_consultation.pk}/cancel/")
    assert ConsultationRegistration.objects.count() == 0


def test_registration_closes_when_the_consultation_starts(client_of, stakeholder, consultation):
    response = client_of(stakeholder).post(
        f"/consultations/{consultation.pk}/register/", follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "This consultation has started: registration is closed."
    ]
    assert ConsultationRegistration.objects.count() == 0


def test_focal_points_and_staff_do_not_register(focal_point_a, staff_user, upcoming_consultation):
    for user in (focal_point_a, staff_user):
        with pytest.raises(PermissionDenied):
            services.consultation_register(consultation=upcoming_consultation, user=user)


def test_the_agenda_is_sanitised(consultation):
    consultation.refresh_from_db()
    assert consultation.agenda == "<p>Welcome</p><ul><li>Priorities</li></ul>"


# The Rapporteur -----------------------------------------------------------------------------


def test_is_rapporteur_needs_selection_and_confirmation(meeting, rapporteur, stakeholder):
    assert permissions.is_rapporteur(rapporteur, meeting) is True
    assert permissions.is_rapporteur(stakeholder, meeting) is False
    expression = ExpressionOfInterest.objects.get(user=rapporteur)
    for status, confirmation in (("selected", "declined"), ("selected", ""), ("not_selected", "")):
        expression.status, expression.confirmation = status, confirmation
        expression.save()
        fresh = type(rapporteur).objects.get(pk=rapporteur.pk)
        assert permissions.is_rapporteur(fresh, meeting) is False


def test_a_selected_moderator_is_not_the_rapporteur(meeting, stakeholder):
    call, _created = Call.objects.get_or_create(meeting=meeting, role=Call.Role.MODERATOR)
    ExpressionOfInterest.objects.create(
        call=call,
        user=stakeholder,
        session=session(meeting, "session-3"),
        speaker_name="Sofia",
        status="selected",
        confirmation="confirmed",
    )
    assert permissions.is_rapporteur(stakeholder, meeting) is False


# Key messages -------------------------------------------------------------------------------


def _message_data(meeting, **overrides):
    return {
        "kind": "key_message",
        "text": "Regular pathways for workers.",
        "session": session(meeting, "session-3").pk,
        "objectives": [o.pk for o in objectives(5, 16)],
        **overrides,
    }


def test_rapporteur_records_a_key_message_tagged_with_objectives_and_a_session(
    client_of, meeting, rapporteur, consultation
):
    response = client_of(rapporteur).post(
        f"/staff/consultations/{consultation.pk}/", _message_data(meeting)
    )
    assert response.status_code == 302
    message = KeyMessage.objects.get()
    assert (
        message.kind,
        message.text,
        message.session.slug,
        sorted(o.number for o in message.objectives.all()),
        message.recorded_by,
    ) == ("key_message", "Regular pathways for workers.", "session-3", [5, 16], rapporteur)


def test_a_key_message_needs_objectives_and_a_thematic_session(
    client_of, meeting, staff_user, consultation
):
    client = client_of(staff_user)
    no_objectives = client.post(
        f"/staff/consultations/{consultation.pk}/", _message_data(meeting, objectives=[])
    )
    panel = client.post(
        f"/staff/consultations/{consultation.pk}/",
        _message_data(meeting, session=session(meeting, "high-level-panel").pk),
    )
    assert (no_objectives.status_code, panel.status_code) == (400, 400)
    assert errors(no_objectives) == ["Tick at least one GCM objective."]
    assert errors(panel) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert "Regular pathways for workers." in panel.content.decode()
    assert KeyMessage.objects.count() == 0


def test_key_messages_wait_for_the_consultation(meeting, staff_user, upcoming_consultation):
    with pytest.raises(ValidationError) as refused:
        services.key_message_save(
            consultation=upcoming_consultation,
            by=staff_user,
            kind="key_message",
            text="Too early.",
            session=session(meeting, "session-1"),
            objectives=objectives(2),
        )
    assert refused.value.messages == [
        "Key messages are recorded once the consultation has taken place."
    ]


def test_a_stakeholder_cannot_record_key_messages(meeting, stakeholder, consultation):
    with pytest.raises(PermissionDenied):
        services.key_message_save(
            consultation=consultation,
            by=stakeholder,
            kind="key_message",
            text="Mine.",
            session=session(meeting, "session-1"),
            objectives=objectives(2),
        )


def test_staff_correct_and_delete_a_key_message(client_of, meeting, staff_user, consultation):
    message = services.key_message_save(
        consultation=consultation,
        by=staff_user,
        kind="key_message",
        text="Frist draft.",
        session=session(meeting, "session-1"),
        objectives=objectives(2),
    )
    client = client_of(staff_user)
    url = f"/staff/consultations/{consultation.pk}/messages/{message.pk}/"
    client.post(url, _message_data(meeting, text="First draft.", kind="priority_area"))
    message.refresh_from_db()
    assert (message.text, message.kind, message.session.slug) == (
        "First draft.",
        "priority_area",
        "session-3",
    )
    client.post(url + "delete/")
    assert KeyMessage.objects.count() == 0


# Session records ----------------------------------------------------------------------------


def test_staff_record_session_3_key_points_with_who_raised_them(client_of, meeting, staff_user):
    client = client_of(staff_user)
    sixteen = objectives(16)[0].pk
    client.post(
        "/staff/session-records/session-3/",
        {
            "kind": "key_point",
            "text": "Inclusion starts locally.",
            "objectives": [sixteen],
            "raised_by_state": MemberState.objects.get(iso_alpha3="PRT").pk,
        },
    )
    client.post(
        "/staff/session-records/session-3/",
        {
            "kind": "recommendation",
            "text": "Fund city networks.",
            "objectives": [sixteen],
            "raised_by_category": StakeholderCategory.objects.get(slug="civil_society").pk,
        },
    )
    page = client.get("/staff/session-records/session-3/")
    assert texts(page.content, "td")[:8] == [
        "Key point",
        "Inclusion starts locally. Correct Inclusion starts locally.",
        "Portugal",
        "16",
        "Recommendation",
        "Fund city networks. Correct Fund city networks.",
        "Civil society",
        "16",
    ]


@pytest.mark.parametrize(
    "raised_by",
    [{}, {"raised_by_state": "PRT", "raised_by_category": "civil_society"}],
    ids=["nobody", "both"],
)
def test_a_session_record_names_exactly_one_state_or_category(
    client_of, meeting, staff_user, raised_by
):
    data = {"kind": "challenge", "text": "Data gaps.", "objectives": [objectives(1)[0].pk]}
    if raised_by:
        data["raised_by_state"] = MemberState.objects.get(iso_alpha3="PRT").pk
        data["raised_by_category"] = StakeholderCategory.objects.get(slug="civil_society").pk
    response = client_of(staff_user).post("/staff/session-records/session-4/", data)
    assert response.status_code == 400
    assert errors(response) == [
        "Say who raised it: either a Member State or a stakeholder category."
    ]
    assert ">\nData gaps.</textarea>" in response.content.decode()
    assert SessionPoint.objects.count() == 0


def test_session_records_wait_for_the_session(meeting, staff_user):
    hearing = session(meeting, "hearing")
    with pytest.raises(ValidationError) as refused:
        services.session_point_save(
            session=hearing,
            by=staff_user,
            kind="key_point",
            text="Early.",
            objectives=objectives(1),
            raised_by_state=MemberState.objects.get(iso_alpha3="PRT"),
            now=hearing.starts_at - datetime.timedelta(minutes=5),
        )
    assert refused.value.messages == [
        "Session records are kept on the day, once the session starts."
    ]


def test_rapporteur_records_the_hearing(meeting, rapporteur):
    point = services.session_point_save(
        session=session(meeting, "hearing"),
        by=rapporteur,
        kind="good_practice",
        text="Migrant-led services.",
        objectives=objectives(15),
        raised_by_category=StakeholderCategory.objects.get(slug="civil_society"),
    )
    records = selectors.session_records_by_session(meeting=meeting)
    hearing = records[0]
    assert (hearing.session.slug, hearing.count, hearing.points["good_practice"]) == (
        "hearing",
        1,
        [point],
    )
    assert [r.session.slug for r in records] == [
        "hearing",
        "opening",
        "session-1",
        "session-2",
        "high-level-panel",
        "session-3",
        "session-4",
        "closing",
    ]


# The Rapporteur's summary -------------------------------------------------------------------


def test_summary_draft_submit_publish_shown_publicly(client_of, meeting, rapporteur, staff_user):
    writer = client_of(rapporteur)
    writer.post(
        "/staff/rapporteur-summary/",
        {
            "version": 1,
            "language": "en",
            "body": "<p>Stakeholders asked for <strong>pathways</strong>.</p><script>x()</script>"
            '<a href="javascript:alert(1)">bad</a>',
        },
    )
    summary = RapporteurSummary.objects.get()
    assert (summary.status, summary.body) == (
        "draft",
        "<p>Stakeholders asked for <strong>pathways</strong>.</p>"
        '<a rel="noopener noreferrer nofollow">bad</a>',
    )
    assert "pathways" not in Client().get("/consultations/").content.decode()
    submitted = writer.post(
        "/staff/rapporteur-summary/submit/", {"version": summary.version}, follow=True
    )
    assert [str(m) for m in submitted.context["messages"]] == [
        "The draft is saved.",
        "The summary is submitted; Network staff will publish it.",
    ]
    summary.refresh_from_db()
    assert summary.status == "submitted"
    refused = writer.post("/staff/rapporteur-summary/publish/")
    assert refused.status_code == 403
    client_of(staff_user).post("/staff/rapporteur-summary/publish/")
    summary.refresh_from_db()
    assert summary.status == "published"
    public = client_of(None).get("/consultations/")
    assert by_class(public.content, "div", "prose")[-1] == "Stakeholders asked for pathways.bad"


def test_staff_return_the_summary_with_a_comment(meeting, rapporteur, staff_user):
    summary = services.summary_save(
        meeting=meeting, by=rapporteur, version=1, body="Text.", language="fr"
    )
    services.summary_submit(meeting=meeting, by=rapporteur, version=summary.version)
    with pytest.raises(ValidationError):
        services.summary_return(meeting=meeting, by=staff_user, comment=" ")
    summary = services.summary_return(meeting=meeting, by=staff_user, comment="Add the Hearing.")
    assert (summary.status, summary.staff_comment) == ("draft", "Add the Hearing.")


def test_an_empty_summary_cannot_be_submitted(client_of, meeting, rapporteur):
    response = client_of(rapporteur).post(
        "/staff/rapporteur-summary/submit/", {"version": 1}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Write the summary before submitting it."
    ]


def test_a_stale_summary_form_keeps_the_text(client_of, meeting, rapporteur, staff_user):
    services.summary_save(meeting=meeting, by=staff_user, version=1, body="Staff.", language="en")
    response = client_of(rapporteur).post(
        "/staff/rapporteur-summary/", {"version": 1, "language": "en", "body": "Mine."}
    )
    assert response.status_code == 409
    assert errors(response) == [
        "Someone else saved the summary while you were editing it. Your text is still in the "
        "form below: compare it with the saved version, then save again."
    ]
    assert ">\nMine.</textarea>" in response.content.decode()
    assert RapporteurSummary.objects.get().body == "<p>Staff.</p>"


def test_a_stakeholder_cannot_write_the_summary(meeting, stakeholder):
    with pytest.raises(PermissionDenied):
        services.summary_save(meeting=meeting, by=stakeholder, version=1, body="x", language="en")


# GCM Talks ----------------------------------------------------------------------------------


def test_gcm_talks_are_listed_publicly_with_a_sanitised_summary(client_of, meeting):
    talk = GCMTalk.objects.create(
        meeting=meeting,
        title="GCM Talk on labour mobility",
        held_on=datetime.date(2023, 11, 20),
        format=GCMTalk.Format.ONLINE,
        summary='<p>Outcome.</p><img src=x onerror="alert(1)">',
        link="https://migrationnetwork.un.org/hub/talk",
    )
    talk.objectives.set(objectives(5, 6))
    page = client_of(None).get("/gcm-talks/")
    assert texts(page.content, "h2") == ["GCM Talk on labour mobility"]
    assert by_class(page.content, "div", "prose") == ["Outcome."]
    assert "onerror" not in page.content.decode()
    assert text(page.content, "h1") == "GCM Talks"


def test_staff_reach_the_admin_of_consultations_and_talks(client_of, staff_user):
    client = client_of(staff_user)
    assert [
        client.get(url).status_code
        for url in (
            "/admin/submissions/consultation/add/",
            "/admin/submissions/gcmtalk/add/",
            "/admin/submissions/discussionthread/",
        )
    ] == [200, 200, 200]


def test_threads_are_open_by_their_dates(meeting, open_threads):
    thread = open_threads.get(slug="question-a")
    now = timezone.now()
    assert (thread.is_open(now), thread.is_open(thread.closes_at), thread.has_opened(now)) == (
        True,
        False,
        True,
    )
