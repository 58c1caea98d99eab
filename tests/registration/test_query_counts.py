"""A person's pages take the same queries whatever the meeting holds: /my/ for 1 or 50 other
registrations, /register/ for 1 or 50 more Member States and stakeholder categories in its
choice lists, in every language.

The staff's lists (accreditation, participants, focal points, selection) are counted in
test_queries.py and test_selection.py.
"""

import pytest

from registration.models import MemberState, StakeholderCategory
from tests.factories import MemberStateFactory, StakeholderCategoryFactory
from tests.registration.test_exports import registrations_create

SIZES = [1, 50]


@pytest.mark.parametrize("n", SIZES)
def test_my_page_queries_do_not_grow_with_registrations(
    client_of, stakeholder, meeting, django_assert_num_queries, n
):
    registrations_create(meeting, n)
    client = client_of(stakeholder)
    client.get("/my/")

    # session, user, meeting, my registration, my focal point, the registration window,
    # my expressions of interest, the staff group for the layout; the timeline's deadlines (6)
    with django_assert_num_queries(14):
        response = client.get("/my/")

    assert response.status_code == 200
    assert response.context["registration"] is None


@pytest.mark.parametrize("language", ["", "/fr", "/ru"])
@pytest.mark.parametrize("n", SIZES)
def test_register_page_queries_do_not_grow_with_its_choices(
    client_of, stakeholder, registration_open, django_assert_num_queries, n, language
):
    for i in range(n):  # codes the seeded states do not use
        MemberStateFactory(name=f"Testland {i}", iso_alpha2=f"{i:02}", iso_alpha3=f"X{i:02}")
    StakeholderCategoryFactory.create_batch(n)
    client = client_of(stakeholder)
    client.get(f"{language}/register/")

    # session, user, meeting, my registration, the registration window, the staff group for
    # the layout; the categories, and the states once for the delegations and the countries
    with django_assert_num_queries(8):
        response = client.get(f"{language}/register/")

    assert response.status_code == 200
    body = response.content.decode()
    states, categories = MemberState.objects.count(), StakeholderCategory.objects.count()
    listed = 2 * states + categories + 3  # each of the three lists with its empty choice
    assert body.count('<option value="') == listed + _other_options(body)


def _other_options(body: str) -> int:
    """The options of the lists that are not reference data (gender, language for mails)."""
    start = body.index('name="profile-gender"')
    end = body.index("</select>", body.index('name="profile-preferred_language"'))
    return body[start:end].count('<option value="')
