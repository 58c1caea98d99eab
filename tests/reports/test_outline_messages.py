"""Every step staff take on the outline and on the comments says what it did."""

import pytest

from reports import services
from reports.models import ReportComment, Section
from tests.reports.test_circulation import circulated  # noqa: F401 - the fixture


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def report(meeting):
    return services.report_get_or_create(meeting=meeting)


def titles(report) -> list[str]:
    return list(report.sections.order_by("order", "pk").values_list("title", flat=True))


def test_adding_a_section_says_where_it_went(client_of, report, staff_user):
    response = client_of(staff_user).post(
        "/staff/report/sections/add/", {"title": "Migration and climate"}, follow=True
    )
    assert messages_of(response) == [
        "The section “Migration and climate” has been added at the end of the outline: "
        "write it here."
    ]
    assert titles(report)[-1] == "Migration and climate"


def test_moving_a_section_says_its_new_place(client_of, report, staff_user):
    section = report.sections.get(title="Regional trends")  # the fourth
    staff = client_of(staff_user)
    response = staff.post(f"/staff/report/sections/{section.pk}/move/", {"up": "1"}, follow=True)
    assert messages_of(response) == ["“Regional trends” is now section 3 of the outline."]
    response = staff.post(
        f"/fr/staff/report/sections/{section.pk}/move/", {"down": "1"}, follow=True
    )
    assert messages_of(response) == ["« Regional trends » est désormais la section 4 du plan."]
    first = report.sections.order_by("order").first()
    response = staff.post(f"/staff/report/sections/{first.pk}/move/", {"up": "1"}, follow=True)
    assert messages_of(response) == ["“Introduction and mandate” cannot move further."]


def test_removing_a_section_says_so(client_of, report, staff_user):
    section = services.section_add(report=report, by=staff_user, title="Spare")
    response = client_of(staff_user).post(
        f"/staff/report/sections/{section.pk}/delete/", follow=True
    )
    assert messages_of(response) == ["The section “Spare” has been removed."]
    assert not Section.objects.filter(pk=section.pk).exists()


def test_marking_a_comment_addressed_names_the_state_in_the_page_language(
    client_of,
    circulated,  # noqa: F811 - the fixture imported above
    focal_point_a,
    staff_user,
):
    section = circulated.sections.order_by("order")[2]
    client_of(focal_point_a).post("/my/report/", {"section": section.pk, "body": "Add data."})
    comment = ReportComment.objects.get()
    staff = client_of(staff_user)
    response = staff.post(
        f"/ru/staff/report/comments/{comment.pk}/address/", {"addressed": "on"}, follow=True
    )
    assert messages_of(response) == ["Замечание государства Армения отмечено как учтённое."]
    response = staff.post(f"/staff/report/comments/{comment.pk}/address/", {}, follow=True)
    assert messages_of(response) == ["The comment of Armenia is marked as not addressed."]
