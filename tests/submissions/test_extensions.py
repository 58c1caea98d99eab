"""After the deadline a focal point meets a read-only page that says so and asks for an
extension; Network staff see the request, grant it (the State's extension) or decline it, and
the focal point who asked gets the answer by mail in their language."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from registration.models import MemberState
from submissions.extensions import services
from submissions.models import DeadlineExtension, ExtensionRequest, Submission
from tests.conftest import make_user
from tests.submissions.test_drafting import form_data
from tests.submissions.test_one_form import deadline_passed, forms_of


@pytest.fixture
def inputs_late(inputs_open):
    deadline_passed(inputs_open)
    return inputs_open


def wished(days=5) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def ask(client, *, until=None, reason="Our ministry signs off next week."):
    return client.post("/my/submission/extension/", {"until": until or wished(), "reason": reason})


def request_of(iso3, meeting, by, days=5) -> ExtensionRequest:
    return services.extension_request_create(
        meeting=meeting,
        member_state=MemberState.objects.get(iso_alpha3=iso3),
        by=by,
        reason=f"{iso3} needs a week more.",
        until=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_after_the_deadline_the_page_says_so_on_arrival_and_is_read_only(
    client_of, inputs_open, focal_point_a
):
    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(1, a="Written in time."))
    deadline_passed(inputs_open)
    response = client.get("/fr/my/submission/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "La date limite est passée" in content
    assert 'href="/fr/my/submission/extension/"' in content
    assert [form for form in forms_of(response) if "answer_a=" in form["names"]] == []
    assert "Written in time." in content  # read, not edited


def test_focal_point_asks_staff_grant_and_the_state_may_write_again(
    client_of, inputs_late, focal_point_a, staff_user, django_capture_on_commit_callbacks
):
    focal_point_a.preferred_language = "ru"
    focal_point_a.save()
    inputs_late.contact_email = "contact@un.example.org"
    inputs_late.save()
    client = client_of(focal_point_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, until=wished(4))
    assert (response.status_code, response["Location"]) == (302, "/my/submission/")
    extension_request = ExtensionRequest.objects.get()
    assert (extension_request.status, extension_request.reason) == (
        "pending",
        "Our ministry signs off next week.",
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["contact@un.example.org"], "[GCM Regional Review] Request for an extension: Armenia")
    ]

    staff = client_of(staff_user)
    listing = staff.get("/staff/submissions/extension-requests/")
    assert [item.member_state.iso_alpha3 for item in listing.context["requests"]] == ["ARM"]
    home = staff.get("/staff/")
    assert "1 request for an extension waits for a decision." in home.content.decode()
    until = (timezone.now() + datetime.timedelta(days=4)).astimezone(inputs_late.tzinfo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = staff.post(
            f"/staff/submissions/extension-requests/{extension_request.pk}/decide/",
            {"decision": "grant", "until": until.strftime("%Y-%m-%dT%H:%M"), "comment": ""},
        )
    assert decided["Location"] == "/staff/submissions/extension-requests/"
    extension = DeadlineExtension.objects.get()
    assert (extension.member_state.iso_alpha3, extension.granted_by) == ("ARM", staff_user)
    assert extension.until == until.replace(second=0, microsecond=0)
    extension_request.refresh_from_db()
    assert (extension_request.status, extension_request.decided_by) == ("granted", staff_user)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [focal_point_a.email],
            "[Региональный обзор ГДМ] Ваша просьба о продлении срока удовлетворена",
        )
    ]
    assert "0 requests for an extension wait" in staff.get("/staff/").content.decode()

    client = client_of(focal_point_a)
    page = client.get("/my/submission/")
    assert page.context["editable"] is True
    client.post("/my/submission/", {**form_data(1), "action": "submit"})
    assert Submission.objects.get().status == "submitted"


def test_staff_decline_with_a_comment_and_the_focal_point_is_told_in_their_language(
    client_of, inputs_late, focal_point_a, staff_user, django_capture_on_commit_callbacks
):
    focal_point_a.preferred_language = "fr"
    focal_point_a.save()
    extension_request = request_of("ARM", inputs_late, focal_point_a)
    staff = client_of(staff_user)
    path = f"/staff/submissions/extension-requests/{extension_request.pk}/decide/"
    refused = staff.post(path, {"decision": "decline", "comment": " "})
    assert refused.status_code == 400
    assert refused.context["requests"][0].form.errors == {
        "__all__": ["Say why the request is declined."]
    }
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(path, {"decision": "decline", "comment": "The report is being compiled."})
    extension_request.refresh_from_db()
    assert (extension_request.status, extension_request.staff_comment) == (
        "declined",
        "The report is being compiled.",
    )
    assert DeadlineExtension.objects.count() == 0
    [message] = mail.outbox
    assert message.subject.endswith("] Votre demande de prolongation est refusée")
    assert "The report is being compiled." in message.body
    page = client_of(focal_point_a).get("/my/submission/")
    assert "The report is being compiled." in page.content.decode()
    assert page.context["editable"] is False


def test_a_refused_request_comes_back_with_what_was_typed(client_of, inputs_late, focal_point_a):
    response = ask(client_of(focal_point_a), until="2020-01-01", reason="We need a month.")
    assert response.status_code == 400
    form = response.context["form"]
    assert (form["until"].value(), form["reason"].value()) == ("2020-01-01", "We need a month.")
    assert len(form.non_field_errors()) == 1
    assert ExtensionRequest.objects.count() == 0


def test_one_request_waits_at_a_time(client_of, inputs_late, focal_point_a):
    client = client_of(focal_point_a)
    ask(client)
    again = ask(client, reason="Asking twice.")
    assert again.status_code == 400
    assert again.context["form"].non_field_errors() == [
        "Your State's request is waiting for the Network's answer: you will get a mail."
    ]
    assert ExtensionRequest.objects.count() == 1


# Who may ask, who may decide ----------------------------------------------------------------


def test_another_states_focal_point_asks_only_for_their_own_state(
    inputs_late, focal_point_a, focal_point_b
):
    with pytest.raises(PermissionDenied):
        services.extension_request_create(
            meeting=inputs_late,
            member_state=MemberState.objects.get(iso_alpha3="ARM"),
            by=focal_point_b,
            reason="Forged.",
            until=timezone.localdate() + datetime.timedelta(days=3),
        )
    assert ExtensionRequest.objects.count() == 0


def test_a_focal_point_request_is_always_for_their_own_state(client_of, inputs_late, focal_point_b):
    response = client_of(focal_point_b).post(
        "/my/submission/extension/",
        {"until": wished(), "reason": "Ours.", "member_state": "ARM"},
    )
    assert response.status_code == 302
    assert list(ExtensionRequest.objects.values_list("member_state__iso_alpha3", flat=True)) == [
        "PRT"
    ]


@pytest.mark.parametrize("who", ["anonymous", "stakeholder", "focal point", "staff"])
def test_only_staff_decide_and_only_focal_points_ask(
    client_of, inputs_late, focal_point_a, focal_point_b, stakeholder, staff_user, who
):
    extension_request = request_of("ARM", inputs_late, focal_point_a)
    person = {
        "anonymous": None,
        "stakeholder": stakeholder,
        "focal point": focal_point_b,
        "staff": staff_user,
    }[who]
    client = client_of(person)
    decided = client.post(
        f"/staff/submissions/extension-requests/{extension_request.pk}/decide/",
        {"decision": "decline", "comment": "No."},
    )
    asked = ask(client)
    listing = client.get("/staff/submissions/extension-requests/")
    statuses = sorted(ExtensionRequest.objects.values_list("member_state__iso_alpha3", "status"))
    observed = (decided.status_code, asked.status_code, listing.status_code, statuses)
    assert (
        observed
        == {
            "anonymous": (302, 302, 302, [("ARM", "pending")]),
            "stakeholder": (403, 403, 403, [("ARM", "pending")]),
            "focal point": (403, 302, 403, [("ARM", "pending"), ("PRT", "pending")]),
            "staff": (302, 403, 200, [("ARM", "declined")]),
        }[who]
    )


def test_the_services_refuse_a_decision_by_anyone_but_staff(
    inputs_late, focal_point_a, focal_point_b
):
    extension_request = request_of("ARM", inputs_late, focal_point_a)
    with pytest.raises(PermissionDenied):
        services.extension_request_grant(
            extension_request=extension_request,
            by=focal_point_a,
            until=timezone.now() + datetime.timedelta(days=3),
        )
    with pytest.raises(PermissionDenied):
        services.extension_request_decline(
            extension_request=extension_request, by=focal_point_b, comment="No."
        )
    assert (ExtensionRequest.objects.get().status, DeadlineExtension.objects.count()) == (
        "pending",
        0,
    )


def test_a_decided_request_cannot_be_decided_again(inputs_late, focal_point_a, staff_user):
    extension_request = request_of("ARM", inputs_late, focal_point_a)
    services.extension_request_decline(
        extension_request=extension_request, by=staff_user, comment="No."
    )
    with pytest.raises(ValidationError):
        services.extension_request_grant(
            extension_request=extension_request,
            by=staff_user,
            until=timezone.now() + datetime.timedelta(days=3),
        )
    assert DeadlineExtension.objects.count() == 0


def test_an_unverified_person_of_a_delegation_may_not_ask(client_of, inputs_late, seeded):
    person = make_user(
        "unverified@example.am", delegation=MemberState.objects.get(iso_alpha3="ARM")
    )
    assert ask(client_of(person)).status_code == 403
    assert ExtensionRequest.objects.count() == 0


# Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_staff_list_costs_the_same_queries_for_1_and_3_requests(
    client_of, inputs_late, staff_user, django_assert_num_queries, count
):
    from tests.submissions.conftest import writer_of

    for iso3 in ("ARM", "PRT", "KAZ")[:count]:
        request_of(iso3, inputs_late, writer_of(iso3))
    decided = request_of("DEU", inputs_late, writer_of("DEU"))
    services.extension_request_decline(extension_request=decided, by=staff_user, comment="No.")
    client = client_of(staff_user)
    with django_assert_num_queries(5):
        response = client.get("/staff/submissions/extension-requests/")
    assert len(response.context["requests"]) == count + 1
