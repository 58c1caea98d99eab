import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from registration import services as registration_services
from registration.accounts import services as accounts_services
from registration.models import FocalPoint, MemberState, Registration, User
from tests.conftest import reauthenticate
from tests.pdfs import pdf_document

CHOICES = {"parts": "both", "attendance": "online", "consent_privacy": True}


def register(user, meeting):
    return registration_services.registration_submit(
        user=user, meeting=meeting, profile={}, choices=CHOICES
    )


def test_my_data_download_holds_everything_about_me_and_nobody_else(
    client_of, registration_open, stakeholder, focal_point_a
):
    register(stakeholder, registration_open)
    register(focal_point_a, registration_open)
    response = client_of(stakeholder).get("/my/data.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    # Other apps add their own sections; these are the ones the registration app gives.
    assert {
        "account",
        "emails",
        "focal_point",
        "registrations",
        "expressions_of_interest",
    } <= set(data)
    assert data["expressions_of_interest"] == []
    assert data["account"]["email"] == "sofia@example.org"
    assert data["account"]["organisation"] == "Migrant Voices"
    assert [r["parts"] for r in data["registrations"]] == ["both"]
    assert data["focal_point"] is None
    assert [e["subject"] for e in data["emails"]] == [
        "[GCM Regional Review] We have received your registration"
    ]
    assert focal_point_a.email not in response.content.decode()


def test_deleting_my_account_anonymises_my_registration_and_removes_my_files(
    client_of, registration_open, stakeholder, django_capture_on_commit_callbacks
):
    armenia = MemberState.objects.get(iso_alpha3="ARM")
    letter = SimpleUploadedFile("n.pdf", pdf_document())
    focal_point = accounts_services.focal_point_apply(
        user=stakeholder, member_state=armenia, letter=letter
    )
    storage, letter_name = focal_point.nomination_letter.storage, focal_point.nomination_letter.name
    register(stakeholder, registration_open)
    with django_capture_on_commit_callbacks(execute=True):
        client = reauthenticate(client_of(stakeholder))
        response = client.post("/my/data/delete/", {"confirm": "DELETE"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert User.objects.filter(email="sofia@example.org").count() == 0
    assert FocalPoint.objects.count() == 0
    assert storage.exists(letter_name) is False
    registration = Registration.objects.get()
    assert (registration.user, registration.stakeholder_category.slug, registration.gender) == (
        None,
        "civil_society",
        "woman",
    )
    assert registration.anonymised_at is not None


def test_account_deletion_needs_the_confirmation_word(client_of, stakeholder):
    client = reauthenticate(client_of(stakeholder))
    response = client.post("/my/data/delete/", {"confirm": "yes"})
    assert response.status_code == 400
    assert response.context["form"].errors["confirm"] == ["Type DELETE to confirm."]
    assert User.objects.filter(pk=stakeholder.pk).count() == 1


def test_purge_anonymises_registrations_made_before_the_retention_date(
    registration_open, stakeholder, focal_point_a
):
    old = register(stakeholder, registration_open)
    Registration.objects.filter(pk=old.pk).update(created_at="2024-01-15T10:00:00+01:00")
    recent = register(focal_point_a, registration_open)
    output = io.StringIO()
    call_command("purge_personal_data", "--before", "2024-06-01", stdout=output)
    assert output.getvalue() == "Anonymised 1 registrations made before 1 June 2024.\n"
    assert list(Registration.objects.order_by("pk").values_list("user", flat=True)) == [
        None,
        focal_point_a.pk,
    ]
    recent.refresh_from_db()
    assert recent.anonymised_at is None
    assert User.objects.filter(pk=stakeholder.pk).count() == 1
