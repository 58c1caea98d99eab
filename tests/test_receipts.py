"""Receipts: a submitted written input, a withdrawn registration, a confirmed seat."""

from django.core import mail

from gcm_review.models import OutgoingEmail
from registration.models import Registration


def _sent_after_commit(callbacks) -> list[tuple[str, str]]:
    """Nothing went out inside the transaction; then run what commit runs and return what went."""
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def test_submitting_a_written_input_mails_each_focal_point_of_the_state_a_receipt_in_their_language(
    meeting, django_capture_on_commit_callbacks
):
    from submissions import services
    from tests.conftest import _focal_point
    from tests.submissions.conftest import deadline_open

    deadline_open(meeting)
    writer = _focal_point("anahit@mfa.example.am", "ARM", "Anahit Focal")
    colleague = _focal_point("aram@mfa.example.am", "ARM", "Aram Focal")
    writer.preferred_language, colleague.preferred_language = "ru", "fr"
    writer.save(), colleague.save()
    _focal_point("pedro@mne.example.pt", "PRT", "Pedro Focal")
    submission = services.submission_get_or_create(
        meeting=meeting, member_state=writer.focal_point.member_state
    )
    answers = {letter: {"text": f"Answer {letter}.", "objectives": []} for letter in "abcde"}
    submission = services.submission_save(
        submission=submission, by=writer, version=1, language="ru", answers=answers, cooperation={}
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_submit(submission=submission, by=writer, version=submission.version)
    assert _sent_after_commit(callbacks) == [
        ("anahit@mfa.example.am", "[Региональный обзор ГДМ] Мы получили ваши письменные материалы"),
        ("aram@mfa.example.am", mail.outbox[1].subject),
    ]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["aram@mfa.example.am"].subject.endswith(
        "] Nous avons bien reçu votre contribution écrite"
    )
    assert (
        "Сеть получила письменные материалы государства Армения, представленные Anahit Focal"
        in (by_address["anahit@mfa.example.am"].body)
    )
    assert OutgoingEmail.objects.filter(language="fr").count() == 1


def test_withdrawing_a_registration_mails_a_receipt_in_the_registrants_language(
    client_of, registration_open, stakeholder, django_capture_on_commit_callbacks
):
    from registration import services

    stakeholder.preferred_language = "fr"
    stakeholder.save()
    services.registration_submit(
        meeting=registration_open,
        user=stakeholder,
        profile={"full_name": stakeholder.full_name},
        choices={"parts": "hearing", "attendance": "online", "consent_privacy": True},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_of(stakeholder).post("/fr/register/withdraw/")
    assert response.status_code == 302
    assert Registration.objects.get().status == "withdrawn"
    [(to, subject)] = _sent_after_commit(callbacks)
    assert (to, subject.endswith("] Votre inscription est retirée")) == (stakeholder.email, True)
    assert "vous n'avez plus de place à la réunion" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client_of(stakeholder).post("/fr/register/withdraw/")  # already withdrawn: no second mail
    assert len(mail.outbox) == 1


def test_confirming_a_seat_mails_a_receipt_in_the_speakers_language(
    meeting, stakeholder, staff_user, django_capture_on_commit_callbacks
):
    from registration.speakers import services
    from tests.registration.speakers import apply, calls_open, select_and_tell

    stakeholder.preferred_language = "ru"
    stakeholder.save()
    expression = select_and_tell(apply(calls_open(meeting), stakeholder, "rapporteur"), staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.expression_respond(expression=expression, user=stakeholder, accept=True)
    assert _sent_after_commit(callbacks) == [
        (stakeholder.email, "[Региональный обзор ГДМ] Спасибо за подтверждение")
    ]
    assert "Сеть получила ваше подтверждение: Sofia Stakeholder" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.expression_respond(expression=expression, user=stakeholder, accept=True)
    assert len(mail.outbox) == 1  # confirming again changes nothing and sends nothing
