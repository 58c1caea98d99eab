"""The audit log records who did what, when and from where, and only staff read it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from gcm_review.models import AuditEntry
from registration import services as registration_services
from registration.models import Registration
from submissions.models import Submission
from tests.conftest import PASSWORD
from tests.html import texts
from tests.submissions.conftest import deadline_open, input_make

CHOICES = {"parts": "both", "attendance": "online", "consent_privacy": True}


def entries(action):
    return list(
        AuditEntry.objects.filter(action=action)
        .order_by("pk")
        .values_list("actor_email", "target_type", "ip_address", "detail")
    )


def test_a_sign_in_is_recorded_with_the_address(client, stakeholder):
    response = client.post("/accounts/login/", {"login": stakeholder.email, "password": PASSWORD})
    assert response.status_code == 302
    assert entries("sign_in") == [(stakeholder.email, "registration.user", "127.0.0.1", {})]


def test_a_failed_sign_in_is_recorded_with_the_address_tried(client, stakeholder):
    client.post("/accounts/login/", {"login": stakeholder.email, "password": "wrong-one"})
    assert entries("sign_in_failed") == [("", "", "127.0.0.1", {"email": stakeholder.email})]


def test_signing_out_is_recorded(client_of, stakeholder):
    client_of(stakeholder).post("/accounts/logout/")
    assert entries("sign_out") == [(stakeholder.email, "registration.user", "127.0.0.1", {})]


def test_role_changes_are_recorded_wherever_they_are_made(stakeholder):
    stakeholder.groups.add(Group.objects.get(name="Network staff"))
    stakeholder.is_staff = True
    stakeholder.save()
    stakeholder.groups.clear()
    assert entries("role_change") == [
        ("", "registration.user", None, {"groups_added": ["Network staff"]}),
        ("", "registration.user", None, {"is_staff": [False, True]}),
        ("", "registration.user", None, {"groups_removed": ["Network staff"]}),
    ]


def test_saving_a_profile_without_role_changes_records_nothing(stakeholder):
    stakeholder.full_name = "Sofia S."
    stakeholder.save()
    assert AuditEntry.objects.filter(action="role_change").count() == 0


def test_an_accreditation_decision_names_the_staff_member(
    client_of, registration_open, stakeholder, staff_user
):
    registration = registration_services.registration_submit(
        user=stakeholder, meeting=registration_open, profile={}, choices=CHOICES
    )
    client_of(staff_user).post(
        "/staff/registrations/", {"action": "approve", "registrations": [registration.pk]}
    )
    assert Registration.objects.get().status == "approved"
    assert entries("accreditation_decision") == [
        (
            staff_user.email,
            "registration.registration",
            "127.0.0.1",
            {"status": "approved", "email": stakeholder.email},
        )
    ]


def test_a_publication_is_recorded(client_of, meeting, staff_user):
    submission = input_make(
        deadline_open(meeting), "ARM", staff=staff_user, status=Submission.Status.SUBMITTED
    )
    client_of(staff_user).post(f"/staff/submissions/{submission.pk}/publish/")
    assert entries("publication") == [
        (staff_user.email, "submissions.submission", "127.0.0.1", {"status": "published"})
    ]


def test_an_export_of_every_input_is_recorded(client_of, meeting, staff_user):
    response = client_of(staff_user).get("/staff/inputs.csv?kind=gcm_talk")
    assert response.status_code == 200
    assert entries("export") == [
        (
            staff_user.email,
            "",
            "127.0.0.1",
            {"export": "inputs.csv", "filters": {"kind": "gcm_talk"}},
        )
    ]


def test_an_admin_export_is_recorded(client_of, data_manager):
    from tests.registration.test_exports import export_form_data

    client = client_of(data_manager)
    client.post(
        "/admin/registration/user/export/",
        export_form_data(client, "/admin/registration/user/export/", "csv"),
    )
    assert entries("export") == [
        (data_manager.email, "", "127.0.0.1", {"model": "registration.user"})
    ]


def test_a_personal_data_download_is_recorded(client_of, stakeholder):
    client_of(stakeholder).get("/my/data.json")
    assert entries("personal_data_download") == [
        (stakeholder.email, "registration.user", "127.0.0.1", {})
    ]


def test_the_address_behind_a_trusted_proxy_is_the_clients(client, stakeholder, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.post(
        "/accounts/login/",
        {"login": stakeholder.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    assert entries("sign_in")[0][2] == "203.0.113.9"


def test_an_entry_is_never_changed(stakeholder):
    entry = AuditEntry.objects.create(action="sign_in", actor=stakeholder)
    entry.action = "sign_out"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()


# The staff page --------------------------------------------------------------------------


def signed_in_staff(client_of, staff_user):
    """Staff's client, with the log emptied of the entries that signing in made."""
    client = client_of(staff_user)
    AuditEntry.objects.all().delete()
    return client


def test_staff_read_the_log_newest_first(client_of, stakeholder, staff_user):
    client = signed_in_staff(client_of, staff_user)
    AuditEntry.objects.create(action="sign_in", actor=stakeholder, actor_email=stakeholder.email)
    AuditEntry.objects.create(action="export", actor=staff_user, actor_email=staff_user.email)
    response = client.get("/staff/audit/")
    assert response.status_code == 200
    assert texts(response.content, "h2") == ["2 entries"]
    assert [(e.actor_email, e.action) for e in response.context["page"]] == [
        (staff_user.email, "export"),
        (stakeholder.email, "sign_in"),
    ]
    assert texts(response.content, "th")[6:] == ["Export", "Signed in"]


def test_the_log_filters_by_action_and_text(client_of, stakeholder, staff_user):
    client = signed_in_staff(client_of, staff_user)
    AuditEntry.objects.create(action="sign_in", actor_email=stakeholder.email)
    AuditEntry.objects.create(action="sign_in", actor_email=staff_user.email)
    AuditEntry.objects.create(action="export", actor_email=stakeholder.email)
    response = client.get("/staff/audit/?action=sign_in&q=sofia")
    assert texts(response.content, "h2") == ["1 entry"]


def test_the_log_text_filter_ignores_case_in_every_script(client_of, staff_user):
    client = signed_in_staff(client_of, staff_user)
    AuditEntry.objects.create(action="sign_in", target_label="Ольга Петрова")
    AuditEntry.objects.create(action="sign_in", target_label="Élodie Durand")
    AuditEntry.objects.create(action="sign_in", target_label="Sofia Rossi")
    for text, label in [("ольга", "Ольга Петрова"), ("ÉLODIE", "Élodie Durand")]:
        response = client.get("/staff/audit/", {"q": text})
        assert [e.target_label for e in response.context["page"]] == [label]


def test_a_date_range_the_wrong_way_round_is_explained(client_of, staff_user):
    today = timezone.localdate()
    response = client_of(staff_user).get(
        f"/staff/audit/?since={today}&until={today - datetime.timedelta(days=1)}"
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The start date must come before the end date."
    ]


def test_the_log_is_in_french_too(client_of, staff_user):
    response = client_of(staff_user).get("/fr/staff/audit/")
    assert texts(response.content, "h1") == ["Journal d’audit"]


def test_people_who_are_not_staff_cannot_read_the_log(client_of, stakeholder, focal_point_a):
    assert client_of(stakeholder).get("/staff/audit/").status_code == 403
    assert client_of(focal_point_a).get("/staff/audit/").status_code == 403
    anonymous = client_of(None).get("/staff/audit/")
    assert (anonymous.status_code, anonymous["Location"]) == (
        302,
        "/accounts/login/?next=/staff/audit/",
    )


@pytest.mark.parametrize("n", [1, 3])
def test_the_log_page_takes_the_same_queries_for_1_and_3_entries(
    client_of, staff_user, stakeholder, django_assert_num_queries, n
):
    client = signed_in_staff(client_of, staff_user)
    for _ in range(n):
        AuditEntry.objects.create(action="sign_in", actor=stakeholder, actor_email="x@example.org")
    # session, user, staff group, the meeting (demo note), count, page of entries
    with django_assert_num_queries(6):
        response = client.get("/staff/audit/")
    assert texts(response.content, "h2") == [f"{n} entr{'y' if n == 1 else 'ies'}"]
