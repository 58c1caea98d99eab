"""Circulation to Member States, their comments, the timeline, publication and reminders."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from reports import circulation, services
from reports.models import Report, ReportComment
from reports.reminders.services import reminders_send
from sessions_app.models import KeyDate
from tests.html import text, texts
from tests.reports.test_compile import compile_now


@pytest.fixture
def circulated(review_data, staff_user, focal_point_a, focal_point_b):
    report = services.report_get_or_create(meeting=review_data)
    version = compile_now(report, by=staff_user)
    circulation.version_circulate(
        version=version,
        by=staff_user,
        comments_close_at=timezone.now() + datetime.timedelta(days=10),
    )
    report.refresh_from_db()
    return report


def section_three(report):
    return report.sections.order_by("order")[2]


def test_circulating_mails_every_verified_focal_point(
    review_data, staff_user, focal_point_a, focal_point_b, django_capture_on_commit_callbacks
):
    report = services.report_get_or_create(meeting=review_data)
    version = compile_now(report, by=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        circulation.version_circulate(
            version=version,
            by=staff_user,
            comments_close_at=timezone.now() + datetime.timedelta(days=10),
        )
    recipients = sorted(m.to[0] for m in mail.outbox if "open for your comments" in m.subject)
    # the two published inputs' focal points (ARM and KAZ fixtures) plus focal point B (PRT)
    assert recipients == sorted(
        [
            "anahit@mfa.example.am",
            "focal-arm@example.org",
            "focal-kaz@example.org",
            "pedro@mne.example.pt",
        ]
    )
    assert Report.objects.get().status == "circulated"


def test_focal_point_comments_on_a_section_while_comments_are_open(
    client_of, circulated, focal_point_a
):
    section = section_three(circulated)
    response = client_of(focal_point_a).post(
        "/my/report/", {"section": section.pk, "passage": "regional trends", "body": "Add data."}
    )
    assert (response.status_code, response["Location"]) == (302, "/my/report/")
    comment = ReportComment.objects.get()
    assert (comment.section, comment.member_state.iso_alpha3, comment.body) == (
        section,
        "ARM",
        "Add data.",
    )
    assert comment.version == circulated.circulated_version


def test_comments_after_the_deadline_are_refused_even_by_forged_post(
    client_of, circulated, focal_point_a
):
    Report.objects.update(comments_close_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client_of(focal_point_a).post(
        "/my/report/", {"section": section_three(circulated).pk, "body": "Too late."}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Comments on the summary report are closed."
    ]
    assert ReportComment.objects.count() == 0


def test_focal_points_see_only_their_own_states_comments(
    client_of, circulated, focal_point_a, focal_point_b
):
    section = section_three(circulated)
    client_of(focal_point_a).post("/my/report/", {"section": section.pk, "body": "From Armenia."})
    client_of(focal_point_b).post("/my/report/", {"section": section.pk, "body": "From Portugal."})
    seen = client_of(focal_point_b).get("/my/report/").context["sections"]
    bodies = [c.body for s in seen for c in s.comment_list]
    assert bodies == ["From Portugal."]


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", (302, "/accounts/login/?next=/my/report/")),
        ("stakeholder", (403, "Access denied")),
        ("focal_point_a", (200, "The draft summary report")),
        ("staff", (403, "Access denied")),
    ],
)
def test_who_may_read_the_circulated_draft(
    client_of, circulated, stakeholder, focal_point_a, staff_user, role, expected
):
    user = {
        "anonymous": None,
        "stakeholder": stakeholder,
        "focal_point_a": focal_point_a,
        "staff": staff_user,
    }[role]
    response = client_of(user).get("/my/report/")
    seen = response["Location"] if response.status_code == 302 else text(response.content, "h1")
    assert (response.status_code, seen) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/staff/report/",
        "/staff/report/comments/",
        "/staff/report/sections/{section}/",
        "/staff/report/jobs/{job}/",
        "/staff/report/jobs/{job}/progress/",
        "/staff/report/versions/{version}/pdf/",
    ],
)
@pytest.mark.parametrize(
    "role, status", [("stakeholder", 403), ("focal_point_a", 403), ("staff", 200)]
)
def test_staff_report_pages_are_for_staff_only(
    client_of, circulated, stakeholder, focal_point_a, staff_user, path, role, status
):
    user = {"stakeholder": stakeholder, "focal_point_a": focal_point_a, "staff": staff_user}[role]
    url = path.format(
        section=circulated.sections.first().pk,
        job=circulated.jobs.first().pk,
        version=circulated.circulated_version.pk,
    )
    assert client_of(user).get(url).status_code == status
    assert client_of(None).get(url)["Location"] == f"/accounts/login/?next={url}"


def test_staff_address_comments_then_publish_a_final_version(
    client_of, circulated, focal_point_a, staff_user
):
    section = section_three(circulated)
    client_of(focal_point_a).post("/my/report/", {"section": section.pk, "body": "Add data."})
    staff = client_of(staff_user)
    comment = ReportComment.objects.get()
    staff.post(f"/staff/report/comments/{comment.pk}/address/", {"addressed": "on"})
    comment.refresh_from_db()
    assert (comment.addressed, comment.addressed_by) == (True, staff_user)

    assert client_of(None).get("/report/").context["report"] is None
    assert client_of(None).get("/report/pdf/").status_code == 404
    version_two = compile_now(circulated, by=staff_user)
    staff = client_of(staff_user)
    confirmed = {"confirm_empty": "1"}  # the outline's narrative sections are left empty
    staff.post("/staff/report/status/", {"status": "final", "version": version_two.pk, **confirmed})
    staff.post("/staff/report/status/", {"status": "published", **confirmed})
    report = Report.objects.get()
    assert (report.status, report.final_version.number) == ("published", 2)
    public = client_of(None).get("/report/")
    assert public.context["version"].number == 2
    pdf = client_of(None).get("/report/pdf/")
    assert b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_publishing_needs_a_final_version(client_of, circulated, staff_user):
    response = client_of(staff_user).post(
        "/staff/report/status/", {"status": "published"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Mark a version as final before publishing."
    ]
    assert Report.objects.get().status == "circulated"


@pytest.mark.parametrize("days, sent", [(14, 1), (7, 1), (2, 1), (10, 0), (0, 0)])
def test_staff_are_reminded_14_7_and_2_days_before_the_report_is_due_once(
    review_data, staff_user, days, sent, django_capture_on_commit_callbacks
):
    services.report_get_or_create(meeting=review_data)
    now = timezone.now()
    review_data.key_dates.filter(kind=KeyDate.Kind.REPORT_DUE).update(
        at=now + datetime.timedelta(days=days, minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(now=now)
        second = reminders_send(now=now)
    assert (first, second) == (sent, 0)
    subjects = [m.subject for m in mail.outbox if "is due in" in m.subject]
    assert subjects == [f"[GCM Regional Review] The summary report is due in {days} days"] * sent


def test_job_progress_answers_json(client_of, review_data, staff_user):
    report = services.report_get_or_create(meeting=review_data)
    job = services.compile_request(
        report=report, by=staff_user, with_compendium=False, enqueue=False
    )
    assert client_of(staff_user).get(f"/staff/report/jobs/{job.pk}/progress/").json() == {
        "status": "queued",
        "status_label": "Queued",
        "stage": "",
        "percent": 0,
        "error": "",
        "version": None,
    }


def outline_narratives(report):
    return list(
        report.sections.filter(compiled="").order_by("order").values_list("title", flat=True)
    )


def test_marking_final_with_empty_sections_asks_first_and_names_them(
    client_of, circulated, staff_user
):
    staff = client_of(staff_user)
    version = circulated.circulated_version
    response = staff.post("/staff/report/status/", {"status": "final", "version": version.pk})
    assert texts(response.content, "h1") == ["Mark final with empty sections?"]
    assert "Version 1 has 10 sections with no text and no quote:" in texts(response.content, "p")
    content = response.content.decode()
    listed = texts(content[content.index('<ul lang="en">') :], "li")[:10]
    assert listed == outline_narratives(circulated)
    assert Report.objects.get().final_version is None

    staff.post(
        "/staff/report/status/",
        {"status": "final", "version": version.pk, "confirm_empty": "1"},
    )
    assert Report.objects.get().final_version == version


def test_publishing_with_empty_sections_asks_first(client_of, circulated, staff_user):
    circulation.report_status_set(
        report=circulated,
        status="final",
        version=circulated.circulated_version,
        confirm_empty=True,
    )
    staff = client_of(staff_user)
    response = staff.post("/ru/staff/report/status/", {"status": "published"})
    assert texts(response.content, "h1") == ["Опубликовать с пустыми разделами?"]
    assert Report.objects.get().status == "final"
    staff.post("/staff/report/status/", {"status": "published", "confirm_empty": "1"})
    assert Report.objects.get().status == "published"


def test_a_version_with_every_section_written_is_marked_final_without_asking(
    client_of, review_data, staff_user
):
    report = services.report_get_or_create(meeting=review_data)
    for section in report.sections.filter(compiled=""):
        services.section_update(
            section=section, by=staff_user, title=section.title, body="<p>Written.</p>"
        )
    version = compile_now(report, by=staff_user)
    response = client_of(staff_user).post(
        "/staff/report/status/", {"status": "final", "version": version.pk}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["The report is now: Final."]
    assert Report.objects.get().final_version == version


def test_the_service_refuses_empty_sections_without_confirmation(circulated):
    from reports.completeness import EmptySections

    with pytest.raises(EmptySections) as refused:
        circulation.report_status_set(
            report=circulated, status="final", version=circulated.circulated_version
        )
    assert refused.value.titles == outline_narratives(circulated)
    assert refused.value.messages == ["10 sections of this version are empty."]
