"""Compiling the summary report in-process (the worker tests run the same code in Celery)."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reports import services
from reports.models import CompileJob, ReportVersion, Section


def pdf_text(version: ReportVersion) -> str:
    with version.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def report(review_data):
    return services.report_get_or_create(meeting=review_data)


def compile_now(report, *, compendium=False, by=None) -> ReportVersion:
    job = services.compile_request(report=report, by=by, with_compendium=compendium, enqueue=False)
    return services.compile_run(job_id=job.pk, worker="test")


def test_compile_makes_a_pdf_with_the_sections_states_and_numbers(report, staff_user):
    intro = report.sections.get(title="Introduction and mandate")
    services.section_update(
        section=intro,
        by=staff_user,
        title=intro.title,
        body="<p>The Regional Review took stock of GCM implementation.</p>",
    )
    version = compile_now(report, compendium=True, by=staff_user)
    text = pdf_text(version)
    assert (version.number, version.created_by, version.with_compendium) == (1, staff_user, True)
    assert version.page_count == len(PdfReader(version.pdf.open("rb")).pages)
    for title in ("Introduction and mandate", "Participation", "Written inputs received"):
        assert title in text
    assert "The Regional Review took stock of GCM implementation." in text
    assert "3 participants were accredited." in text
    assert "2 of the 56 Member States published a written input." in text
    assert "Kazakhstan" in text and "Armenia" in text
    assert "Казахстан укрепляет региональное сотрудничество" in text
    assert version.data["parts"]["participation"]["total"] == 3
    assert version.data["parts"]["participation"]["by_gender"] == [
        {"label": "Woman", "count": 2},
        {"label": "Man", "count": 1},
    ]


def test_compendium_is_left_out_unless_asked(report):
    version = compile_now(report)
    titles = [s["title"] for s in version.data["sections"]]
    assert "Annex II: compendium of written inputs" not in titles
    assert "compendium" not in version.data["parts"]


def test_a_second_compile_request_is_refused_while_one_is_queued(report, staff_user):
    services.compile_request(report=report, by=staff_user, with_compendium=False, enqueue=False)
    with pytest.raises(services.CompileAlreadyRunning) as refused:
        services.compile_request(report=report, by=staff_user, with_compendium=False)
    assert refused.value.messages == [
        "A compile of this report is already under way; wait for it to finish."
    ]
    assert CompileJob.objects.filter(status__in=CompileJob.ACTIVE).count() == 1


def test_running_a_job_twice_makes_one_version(report):
    job = services.compile_request(report=report, by=None, with_compendium=False, enqueue=False)
    first = services.compile_run(job_id=job.pk)
    second = services.compile_run(job_id=job.pk)
    assert (first.number, second, ReportVersion.objects.count()) == (1, None, 1)


def test_local_files_and_remote_urls_in_answers_never_reach_the_pdf(report, staff_user):
    section = report.sections.get(title="Regional trends")
    services.section_update(
        section=section,
        by=staff_user,
        title=section.title,
        body='<p>Trends<img src="file:///etc/passwd"><img src="https://evil.example/x.png">'
        '<iframe src="file:///etc/passwd"></iframe><link rel="stylesheet" '
        'href="https://evil.example/s.css"></p>',
    )
    version = compile_now(report)
    assert "file:///etc/passwd" not in version.html
    assert "evil.example" not in version.html
    assert "root:x:0:0" not in pdf_text(version)


def test_the_outline_is_data_staff_reorder(report):
    regional = report.sections.get(title="Regional trends")
    services.section_move(section=regional, direction=-1)
    services.section_move(section=regional, direction=-1)
    titles = list(report.sections.order_by("order").values_list("title", flat=True))
    assert titles[:4] == [
        "Introduction and mandate",
        "Regional trends",
        "Participation",
        "Speakers",
    ]
    version = compile_now(report)
    assert [s["title"] for s in version.data["sections"]][:2] == [
        "Introduction and mandate",
        "Regional trends",
    ]


def test_compile_report_command_compiles_in_process(review_data):
    output = io.StringIO()
    call_command("compile_report", "--sync", stdout=output)
    version = ReportVersion.objects.get()
    assert output.getvalue().startswith(f"Version 1: {version.page_count} pages in ")


def test_compiled_sections_cannot_be_deleted(report):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.section_delete(section=report.sections.get(compiled=Section.Compiled.COVERAGE))
    assert report.sections.filter(compiled=Section.Compiled.COVERAGE).count() == 1


def test_recovery_requeues_only_jobs_whose_worker_is_gone(report):
    import datetime

    from django.utils import timezone

    job = services.compile_request(report=report, by=None, with_compendium=False, enqueue=False)
    now = timezone.now()
    CompileJob.objects.filter(pk=job.pk).update(
        status="running", worker="w1@host", heartbeat_at=now - datetime.timedelta(minutes=5)
    )
    assert services.compiles_recover(now=now) == []
    assert services.compiles_recover(worker="w2@host", now=now) == []
    assert services.compiles_recover(worker="w1@host", now=now) == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.version.number) == ("done", 1)


def test_recovery_requeues_a_running_job_silent_past_the_time_limit(report):
    import datetime

    from django.utils import timezone

    job = services.compile_request(report=report, by=None, with_compendium=False, enqueue=False)
    now = timezone.now()
    CompileJob.objects.filter(pk=job.pk).update(
        status="running", worker="w1@host", heartbeat_at=now - datetime.timedelta(minutes=12)
    )
    assert services.compiles_recover(now=now) == [job.pk]
    job.refresh_from_db()
    assert job.status == "done"


def _squashed(text: str) -> str:
    """Text without whitespace: a word hyphenated at a line end reads the same."""
    return "".join(text.split())


@pytest.mark.parametrize("paragraphs", [4, 6, 9])
def test_no_table_row_of_the_pdf_is_split_across_a_page_break(report, staff_user, paragraphs):
    """Each objective's row in "GCM objectives covered" (a title over two or three lines and
    its counts) is read whole on one page. The text before the tables moves where the page
    breaks fall (with 4 paragraphs one fell inside objective 18's row)."""
    trends = report.sections.get(title="Regional trends")
    services.section_update(
        section=trends,
        by=staff_user,
        title=trends.title,
        body="<p>Migration grew.</p>" * paragraphs,
    )
    data, html = services.report_document(report=report, with_compendium=False, number=1)
    pdf, _pages = services.report_pdf(html)
    pages = [_squashed(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    rows = [
        f"{o['number']}. {o['title']} {o['inputs']} {o['key_points']} {o['talks']} {o['posts']}"
        for session in data["parts"]["coverage"]["sessions"]
        for o in session["objectives"]
    ]
    assert len(rows) == 23
    assert [row for row in rows if not any(_squashed(row) in page for page in pages)] == []
