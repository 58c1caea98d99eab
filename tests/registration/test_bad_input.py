"""Bad input gets a clear message on the form, and nothing is half-saved."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registration.models import FocalPoint, MemberState, Registration, StakeholderCategory, User
from sessions_app.models import KeyDate
from tests.html import texts
from tests.pdfs import pdf_document

MINIMAL_PDF = pdf_document()


def registration_post(**overrides):
    category = StakeholderCategory.objects.get(slug="civil_society")
    data = {
        "profile-full_name": "Sofia Changed",
        "profile-organisation": "Migrant Voices",
        "profile-stakeholder_category": str(category.pk),
        "profile-preferred_language": "en",
        "registration-parts": "both",
        "registration-attendance": "online",
        "registration-consent_privacy": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def error_list(response):
    """The text of every error list on the page."""
    content = response.content.decode()
    found, start = [], 0
    while (start := content.find('<ul class="errorlist', start)) != -1:
        end = content.index("</ul>", start)
        found.extend(texts(content[start : end + 5], "li"))
        start = end
    return found


def test_registration_without_privacy_consent_is_refused_and_nothing_saved(
    client_of, registration_open, stakeholder
):
    response = client_of(stakeholder).post(
        "/register/", registration_post(**{"registration-consent_privacy": None})
    )
    assert response.status_code == 200
    assert error_list(response) == ["You need to agree to the privacy notice to register."]
    assert Registration.objects.count() == 0
    stakeholder.refresh_from_db()
    assert stakeholder.full_name == "Sofia Stakeholder"


def test_registering_again_after_approval_is_refused(client_of, registration_open, stakeholder):
    client = client_of(stakeholder)
    client.post("/register/", registration_post())
    Registration.objects.update(status=Registration.Status.APPROVED)
    response = client.post("/register/", registration_post(**{"registration-parts": "hearing"}))
    assert error_list(response) == [
        "You are already registered for this meeting. You can change your registration."
    ]
    assert list(Registration.objects.values_list("parts", "status")) == [("both", "approved")]


def test_pending_registration_can_be_edited_and_withdrawn(
    client_of, registration_open, stakeholder
):
    client = client_of(stakeholder)
    client.post("/register/", registration_post())
    client.post("/register/", registration_post(**{"registration-parts": "hearing"}))
    assert list(Registration.objects.values_list("parts", "status")) == [("hearing", "pending")]
    client.post("/register/withdraw/")
    registration = Registration.objects.get()
    assert (registration.status, registration.status_changed_by) == ("withdrawn", stakeholder)
    assert registration.status_changed_at is not None


def test_registration_after_the_window_closed_is_refused_even_by_forged_post(
    client_of, registration_open, stakeholder
):
    registration_open.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client_of(stakeholder).post("/register/", registration_post())
    assert error_list(response) == ["Registration for this meeting is closed."]
    assert Registration.objects.count() == 0


def test_profile_needs_a_category_or_a_delegation(client_of, registration_open, stakeholder):
    response = client_of(stakeholder).post(
        "/register/", registration_post(**{"profile-stakeholder_category": ""})
    )
    assert error_list(response) == [
        "Choose the stakeholder category you belong to, or the delegation you are part of."
    ]
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "letter.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
            "Only PDF files are accepted, and this file is not one.",
        ),
        (
            "letter.pdf",
            MINIMAL_PDF + b"0" * (10 * 1024 * 1024),
            "This file is too large: the limit is 10.0 MB.",
        ),
    ],
    ids=["renamed-executable", "over-10-MB"],
)
def test_nomination_letter_must_be_a_pdf_of_at_most_10_mb(
    client_of, stakeholder, name, content, message
):
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    response = client_of(stakeholder).post(
        "/my/focal-point/",
        {"member_state": armenia.pk, "nomination_letter": SimpleUploadedFile(name, content)},
    )
    assert error_list(response) == [message]
    assert FocalPoint.objects.count() == 0


def test_a_real_pdf_nomination_is_accepted_and_waits_for_verification(client_of, stakeholder):
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    response = client_of(stakeholder).post(
        "/my/focal-point/",
        {
            "member_state": armenia.pk,
            "nomination_letter": SimpleUploadedFile("nomination.pdf", MINIMAL_PDF),
        },
    )
    assert response.status_code == 302
    focal_point = FocalPoint.objects.get()
    assert (focal_point.member_state, focal_point.status) == (armenia, "pending")
    assert focal_point.nomination_letter.read() == MINIMAL_PDF


def test_signup_with_an_invalid_email_is_refused(client, seeded):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "not-an-address",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
            "full_name": "Someone",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert User.objects.count() == 0


def test_signup_with_a_taken_email_does_not_reveal_the_account(
    client, stakeholder, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": stakeholder.email,
                "password1": "a-long-test-password",
                "password2": "a-long-test-password",
                "full_name": "Impostor",
                "preferred_language": "en",
            },
        )
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")
    assert User.objects.filter(email=stakeholder.email).count() == 1
    assert [m.to for m in mail.outbox] == [[stakeholder.email]]
