"""The whole journey of a stakeholder, in French: sign up, confirm, register, get accredited."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation

from gcm_review.models import OutgoingEmail
from registration.models import MemberState, Registration, StakeholderCategory, User
from tests.html import text

PASSWORD = "Une-phrase-de-passe-solide-2028"


def french(pattern, *msgids):
    """The French the portal uses for these messages; refuses an untranslated one."""
    with translation.override("fr"):
        words = [translation.gettext(m) for m in msgids]
    assert [w for w, m in zip(words, msgids, strict=True) if w == m] == []
    return pattern % tuple(words)


def registration_post(category, **overrides):
    data = {
        "profile-full_name": "Amira Haddad",
        "profile-title": "Coordinatrice",
        "profile-organisation": "Réseau des migrantes",
        "profile-stakeholder_category": str(category.pk),
        "profile-gender": "woman",
        "profile-preferred_language": "fr",
        "registration-parts": "hearing",
        "registration-attendance": "in_person",
        "registration-consent_privacy": "on",
        "registration-consent_public_list": "on",
    }
    data.update(overrides)
    return data


def test_stakeholder_signs_up_registers_and_is_accredited_in_french(
    client, registration_open, staff_user, django_capture_on_commit_callbacks
):
    # Sign up in French: the verification mail goes out in French, through the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/accounts/signup/",
            {
                "email": "amira@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "full_name": "Amira Haddad",
                "preferred_language": "fr",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="amira@example.org")
    assert (user.full_name, user.preferred_language) == ("Amira Haddad", "fr")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == french(
        "[%s] %s", "GCM Regional Review", "Please Confirm Your Email Address"
    )
    assert OutgoingEmail.objects.get().language == "fr"
    assert OutgoingEmail.objects.get().sent_at is not None

    # Confirm the address from the link in the mail; that signs the person in.
    link = re.search(r"http://testserver(/\S+/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True

    # Register for the Hearing.
    category = StakeholderCategory.objects.get(slug="civil_society")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/register/", registration_post(category))
    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert (registration.status, registration.parts, registration.stakeholder_category) == (
        "pending",
        "hearing",
        category,
    )
    assert registration.gender == "woman"
    assert mail.outbox[-1].subject == french(
        "[%s] %s", "GCM Regional Review", "We have received your registration"
    )

    # Pending: the Logistics Note is not theirs to read yet.
    assert client.get("/fr/my/logistics/").status_code == 403

    # Staff approve; the approval mail carries the Logistics Note, in French.
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/registrations/",
            {"action": "approve", "registrations": [registration.pk], "message": ""},
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.status, registration.status_changed_by) == ("approved", staff_user)
    approval = mail.outbox[-1]
    assert approval.to == ["amira@example.org"]
    assert approval.subject == french(
        "[%s] %s", "GCM Regional Review", "Your registration is approved"
    )
    assert approval.subject.endswith("Votre inscription a été approuvée")
    assert "Palais des Nations" in approval.body
    assert "Note logistique" in approval.body

    # Approved: the Logistics Note page opens for them.
    client.force_login(user)
    response = client.get("/fr/my/logistics/")
    assert response.status_code == 200
    assert text(response.content, "h1") == "Note logistique"


def test_staff_see_the_balance_counts_change_when_they_approve(
    client, registration_open, stakeholder, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(stakeholder)
    category = StakeholderCategory.objects.get(slug="civil_society")
    italy = MemberState.objects.get(iso_alpha3="ITA")
    client.post(
        "/register/",
        registration_post(
            category, **{"profile-preferred_language": "en", "profile-country": str(italy.pk)}
        ),
    )
    registration = Registration.objects.get(user=stakeholder)

    client.force_login(staff_user)
    before = client.get("/staff/registrations/").context["counts"]
    assert [(r["label"], r["total"], r["approved"]) for r in before["category"]] == [
        ("Civil society", 1, 0)
    ]
    client.post("/staff/registrations/", {"action": "approve", "registrations": [registration.pk]})
    after = client.get("/staff/registrations/").context["counts"]
    assert [(r["label"], r["total"], r["approved"]) for r in after["category"]] == [
        ("Civil society", 1, 1)
    ]
    assert [(r["label"], r["total"], r["approved"]) for r in after["gender"]] == [("Woman", 1, 1)]
    assert [(r["label"], r["total"], r["approved"]) for r in after["subregion"]] == [
        ("Southern Europe", 1, 1)
    ]
