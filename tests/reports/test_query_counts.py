"""The published summary report takes the same queries for 1 or 50 accredited participants:
the page shows the version's snapshot, not the live data."""

import pytest

from registration.models import Registration
from reports import services
from reports.circulation import report_status_set
from reports.models import Report
from tests.registration.test_exports import registrations_create
from tests.reports.test_compile import compile_now


@pytest.mark.parametrize("n", [1, 50])
def test_public_report_queries_do_not_grow_with_participants(
    client, meeting, staff_user, django_assert_num_queries, n
):
    registrations_create(meeting, n)
    Registration.objects.update(status=Registration.Status.APPROVED)
    report = services.report_get_or_create(meeting=meeting)
    version = compile_now(report, by=staff_user)
    report = report_status_set(
        report=report, status=Report.Status.FINAL, version=version, confirm_empty=True
    )
    report_status_set(report=report, status=Report.Status.PUBLISHED, confirm_empty=True)

    # the meeting, the report with its final version
    with django_assert_num_queries(2):
        response = client.get("/report/")

    assert response.status_code == 200
    assert response.context["version"] == version
    assert f"{n} participant" in response.content.decode()
