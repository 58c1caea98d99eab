"""Query counts of the public pages and the open data do not grow with the published inputs.

Every test starts with an empty cache (tests/conftest.py), so these are the counts of a
request that builds the page, not of one served from the cache.
"""

import csv
import io

import pytest

from tests.html import texts
from tests.submissions.test_opendata import EXPORT, export_form_data

STATES = ["ARM", "KAZ", "PRT"]


@pytest.fixture
def published(make_input, request):
    """``n`` published inputs, each with objectives on two answers, two cooperation areas and
    an attachment, plus a draft that must not show."""
    n = request.param
    inputs = [
        make_input(
            iso3,
            answers={"c": f"<p>Diaspora engagement in {iso3}.</p>"},
            answer_objectives={"a": [1, 2 + i], "c": [23]},
            cooperation={"finance": [3], "data": [4 + i]},
            attachment="plan.pdf",
        )
        for i, iso3 in enumerate(STATES[:n])
    ]
    make_input("ITA", status="draft", answer_objectives={"a": [1]})
    return inputs


PAGES = [
    # meeting, objectives for the filter form; published inputs with their states, the
    # numbers of their objectives (answers UNION cooperation areas)
    ("/submissions/", 4),
    ("/submissions/?objective=23&subregion=&area=finance&language=", 4),
    # and for a search, the excerpts of the best matching answers
    ("/submissions/?q=diaspora", 5),
    # meeting; answers with states and questions, their objectives, the inputs' cooperation
    # areas, their objectives
    ("/submissions.json", 5),
    ("/submissions.csv", 5),
    # meeting, states by subregion, published inputs, their objectives, the 23 objectives
    ("/submissions/coverage/", 5),
    # meeting, the newest published inputs with their states, their answers
    ("/submissions.atom", 3),
]


@pytest.mark.parametrize("published", [1, 3], indirect=True)
@pytest.mark.parametrize("path, queries", PAGES)
def test_public_pages_take_the_same_queries_for_1_or_3_inputs(
    client, published, django_assert_num_queries, path, queries
):
    with django_assert_num_queries(queries):
        response = client.get(path)

    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    if "coverage" in path:
        assert f'<td class="number total">{len(published)}</td>' in body
    else:
        assert [s.member_state.name in body for s in published] == [True] * len(published)
        assert "Italy" not in body


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_the_list_shows_the_inputs_it_counted(client, published, django_assert_num_queries):
    with django_assert_num_queries(4):
        content = client.get("/submissions/").content
    assert texts(content, "h2") == sorted(s.member_state.name for s in published)


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_the_json_holds_five_answers_per_input(client, published, django_assert_num_queries):
    with django_assert_num_queries(5):
        rows = client.get("/submissions.json").json()["answers"]
    assert len(rows) == 5 * len(published)


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_a_cached_list_takes_no_query(client, published, django_assert_num_queries):
    first = client.get("/submissions/").content
    # the content version is in the cache, next to the page
    with django_assert_num_queries(0):
        content = client.get("/submissions/").content
    assert content == first
    assert len(texts(content, "h2")) == len(published)


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_a_search_is_not_cached(client, published, django_assert_num_queries):
    client.get("/submissions/?q=diaspora")
    with django_assert_num_queries(5):
        content = client.get("/submissions/?q=diaspora").content
    assert len(texts(content, "h2")) == len(published)


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_signed_in_visitors_get_the_list_built_for_them(
    client_of, stakeholder, published, django_assert_num_queries
):
    client = client_of(stakeholder)
    client.get("/submissions/")
    # session, user, their staff group (for the menu), meeting, objectives for the form,
    # published inputs, their objectives: never from the cache
    with django_assert_num_queries(7):
        content = client.get("/submissions/").content
    assert b"Sign out" in content


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_the_detail_page_takes_the_same_queries_whatever_the_input_holds(
    client, published, django_assert_num_queries
):
    last = published[-1]
    # the input with its state and meeting, answers with questions, their objectives,
    # cooperation areas, their objectives, attachments
    with django_assert_num_queries(6):
        response = client.get(f"/submissions/{last.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("published", [1, 3], indirect=True)
def test_the_admin_export_of_answers_takes_the_same_queries(
    client_of, data_manager, published, django_assert_num_queries
):
    client = client_of(data_manager)
    data = export_form_data(client, "csv")
    # session, user, the user's permissions, the groups' permissions, the meetings of the
    # changelist's filter, then the answers (count, one page), their objectives, the inputs'
    # cooperation areas, their objectives, and the export's audit entry
    with django_assert_num_queries(ADMIN_EXPORT_QUERIES):
        response = client.post(EXPORT, data)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 5 * (len(published) + 1)  # and the draft's answers


ADMIN_EXPORT_QUERIES = 11


@pytest.mark.parametrize("published", [1], indirect=True)
@pytest.mark.parametrize(
    "path, queries",
    [
        ("/submissions/", 0),  # the stored page
        ("/fr/submissions/?subregion=Western+Asia&objective=1", 0),
        # not stored: meeting, objectives, inputs, their objectives (and for a search, the
        # excerpts)
        ("/submissions/?q=diaspora", 5),  # searches are unbounded
        ("/submissions/?objective=1&objective=2", 4),
        ("/submissions/?utm_source=mail", 4),
    ],
)
def test_only_bounded_anonymous_list_pages_are_cached(
    client, published, django_assert_num_queries, path, queries
):
    first = client.get(path)
    with django_assert_num_queries(queries):
        again = client.get(path)
    assert again.content == first.content
    assert "Cookie" in again["Vary"]
