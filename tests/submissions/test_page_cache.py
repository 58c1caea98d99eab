"""The written inputs' public pages from the page cache (gcm_review.page_cache): a published
input shows at once on the list, its page, the coverage and the open data, a withdrawn one
vanishes at once, in every language; a second anonymous visit costs no query."""

import gzip

import pytest

from submissions import services
from submissions.models import Submission
from tests.test_page_cache import cached_twice

LANGUAGES = ["", "/fr", "/ru"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_input_s_page_is_cached_and_vanishes_when_withdrawn(
    client, make_input, staff_user, django_assert_num_queries, language
):
    submission = make_input("ARM")
    url = f"{language}/submissions/{submission.pk}/"
    assert "Armenia answers question a." in cached_twice(client, django_assert_num_queries, url)
    services.submission_withdraw(submission=submission, by=staff_user)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_input_shows_at_once_on_every_page(
    client, make_input, staff_user, django_assert_num_queries, language
):
    make_input("ARM")
    pages = [f"{language}/submissions/", f"{language}/submissions/coverage/", "/submissions.json"]
    before = {url: cached_twice(client, django_assert_num_queries, url) for url in pages}
    submitted = make_input("KAZ", status=Submission.Status.SUBMITTED)
    assert {url: client.get(url).content.decode("utf-8-sig") for url in pages} == before

    services.submission_publish(submission=submitted, by=staff_user)

    link = f'href="{language}/submissions/{submitted.pk}/"'
    assert link in client.get(f"{language}/submissions/").content.decode()
    assert client.get(f"{language}/submissions/coverage/").content.decode() != before[pages[1]]
    assert "KAZ" in client.get("/submissions.json").content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_withdrawn_input_leaves_the_list_and_the_open_data_at_once(
    client, make_input, staff_user, django_assert_num_queries, language
):
    submission = make_input("ARM")
    link = f'href="{language}/submissions/{submission.pk}/"'
    assert link in cached_twice(client, django_assert_num_queries, f"{language}/submissions/")
    assert "ARM" in cached_twice(client, django_assert_num_queries, "/submissions.csv")
    services.submission_withdraw(submission=submission, by=staff_user)

    assert link not in client.get(f"{language}/submissions/").content.decode()
    assert "ARM" not in client.get("/submissions.csv").content.decode("utf-8-sig")


def test_the_open_data_is_compressed_for_clients_that_accept_gzip(client, make_input):
    make_input("ARM")
    plain = client.get("/submissions.json")
    zipped = client.get("/submissions.json", headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip"
    assert zipped["Content-Type"] == "application/json"
    assert gzip.decompress(zipped.content) == plain.content
