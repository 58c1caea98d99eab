"""/report/ from the page cache (gcm_review.page_cache): the published report shows at once
in every language, and a second anonymous visit costs no query."""

from reports import circulation, services
from tests.reports.test_compile import compile_now
from tests.test_page_cache import cached_twice

LANGUAGES = ["", "/fr", "/ru"]


def test_the_published_report_shows_at_once_in_every_language(
    client, review_data, staff_user, django_assert_num_queries
):
    report = services.report_get_or_create(meeting=review_data)
    version = compile_now(report, by=staff_user)
    circulation.report_status_set(
        report=report, status="final", version=version, confirm_empty=True
    )
    before = {
        language: cached_twice(client, django_assert_num_queries, f"{language}/report/")
        for language in LANGUAGES
    }
    assert all('<div class="report-web" lang="en">' not in page for page in before.values())

    circulation.report_status_set(report=report, status="published", confirm_empty=True)

    for language in LANGUAGES:
        page = cached_twice(client, django_assert_num_queries, f"{language}/report/")
        assert '<div class="report-web" lang="en">' in page
