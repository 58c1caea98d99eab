"""Bulk accreditation: "select all" takes every registration on the page (with or without
JavaScript), and the message counts in the page's language with its plural forms."""

import pytest

from registration.models import Registration
from tests.conftest import make_user


@pytest.fixture
def pending(meeting):
    return [
        Registration.objects.create(
            meeting=meeting,
            user=make_user(f"p{i}@example.org"),
            parts="both",
            attendance="online",
            consent_privacy=True,
        )
        for i in range(3)
    ]


def shown(registrations) -> list[str]:
    return [str(r.pk) for r in registrations]


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def statuses() -> list[str]:
    return list(Registration.objects.order_by("pk").values_list("status", flat=True))


def test_select_all_approves_every_registration_on_the_page(client_of, staff_user, pending):
    response = client_of(staff_user).post(
        "/staff/registrations/",
        {"action": "approve", "all_shown": "1", "shown": shown(pending)},
        follow=True,
    )
    assert messages_of(response) == ["3 registrations updated."]
    assert statuses() == ["approved"] * 3


def test_select_all_takes_only_the_registrations_shown(client_of, staff_user, pending):
    client_of(staff_user).post(
        "/staff/registrations/",
        {"action": "reject", "all_shown": "1", "shown": shown(pending[:2])},
    )
    assert statuses() == ["rejected", "rejected", "pending"]


def test_rows_shown_are_not_selected_without_select_all(client_of, staff_user, pending):
    response = client_of(staff_user).post(
        "/staff/registrations/",
        {"action": "approve", "registrations": [pending[1].pk], "shown": shown(pending)},
        follow=True,
    )
    assert messages_of(response) == ["1 registration updated."]
    assert statuses() == ["pending", "approved", "pending"]


def test_nothing_selected_is_explained_and_changes_nothing(client_of, staff_user, pending):
    response = client_of(staff_user).post(
        "/staff/registrations/", {"action": "approve", "shown": shown(pending)}
    )
    assert messages_of(response) == ["Select at least one registration."]
    assert statuses() == ["pending"] * 3


@pytest.mark.parametrize(
    "path, count, expected",
    [
        ("/fr/staff/registrations/", 1, "1 inscription mise à jour."),
        ("/fr/staff/registrations/", 3, "3 inscriptions mises à jour."),
        ("/ru/staff/registrations/", 1, "1 регистрация обновлена."),
        ("/ru/staff/registrations/", 3, "3 регистрации обновлены."),
    ],
)
def test_the_message_has_the_plural_form_of_the_language(
    client_of, staff_user, pending, path, count, expected
):
    response = client_of(staff_user).post(
        path, {"action": "approve", "all_shown": "1", "shown": shown(pending[:count])}, follow=True
    )
    assert messages_of(response) == [expected]


def test_the_page_offers_select_all_with_its_own_script(client_of, staff_user, pending):
    content = client_of(staff_user).get("/staff/registrations/").content.decode()
    assert (
        '<input type="checkbox" name="all_shown" value="1" id="select-all" '
        'data-select-all="registrations">'
    ) in content
    assert '<script src="/static/js/select-all.js" defer></script>' in content
    assert content.count('<input type="hidden" name="shown"') == 3
