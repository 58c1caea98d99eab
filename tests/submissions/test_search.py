"""Finding published inputs: filters, full-text search (PostgreSQL full-text search, or the
plain fallback on SQLite), excerpts, and the objectives coverage table.

The same tests run on both databases; the words searched appear in the answers as typed, so
both find them. Stemming and ranking, which only PostgreSQL has, are tested on it alone.
"""

import pytest
from django.db import connection

from submissions.search import SubmissionFilters, objective_coverage, submissions_published
from tests.html import texts
from tests.submissions.conftest import table_rows

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming and ranking need PostgreSQL"
)


@pytest.fixture
def inputs(make_input):
    """Three published inputs in three languages, and two that must never show."""
    return {
        "ARM": make_input(
            "ARM",
            answers={
                "c": "<p>We shared good practices on diaspora engagement and remittances.</p>"
            },
            answer_objectives={"a": [1, 23], "c": [5]},
            cooperation={"finance": [2, 23], "data": [1]},
        ),
        "PRT": make_input(
            "PRT",
            language="fr",
            answers={
                "b": "<p>Le Portugal renforce l'intégration des migrants dans les "
                "municipalités.</p>"
            },
            answer_objectives={"b": [12]},
            cooperation={"capacity_building": [16]},
        ),
        "KAZ": make_input(
            "KAZ",
            language="ru",
            answers={
                "c": "<p>Мы укрепляем сотрудничество с диаспорой и органами местного "
                "самоуправления.</p>"
            },
            answer_objectives={"d": [23]},
        ),
        "ITA": make_input(
            "ITA",
            status="submitted",
            answers={"c": "<p>Diaspora and remittances, intégration, сотрудничество.</p>"},
            answer_objectives={"c": [23]},
            cooperation={"finance": [23]},
        ),
        "DEU": make_input("DEU", status="withdrawn", answer_objectives={"a": [23]}),
    }


def found(meeting, **filters) -> list[str]:
    return [
        s.member_state.name
        for s in submissions_published(meeting=meeting, filters=SubmissionFilters(**filters))
    ]


def test_without_filters_every_published_input_is_listed_by_name(inputs, meeting):
    assert found(meeting) == ["Armenia", "Kazakhstan", "Portugal"]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"subregion": "Southern Europe"}, ["Portugal"]),
        ({"subregion": "Western Asia"}, ["Armenia"]),
        ({"subregion": "Northern America"}, []),
        ({"objective": 23}, ["Armenia", "Kazakhstan"]),  # answers (a), (d); finance
        ({"objective": 16}, ["Portugal"]),  # only as a cooperation area's objective
        ({"objective": 12}, ["Portugal"]),  # only in an answer
        ({"objective": 3}, []),
        ({"area": "finance"}, ["Armenia"]),
        ({"area": "capacity_building"}, ["Portugal"]),
        ({"area": "technology"}, []),
        ({"language": "ru"}, ["Kazakhstan"]),
        ({"language": "fr"}, ["Portugal"]),
        ({"objective": 23, "subregion": "Central Asia"}, ["Kazakhstan"]),
        ({"objective": 1, "area": "data", "language": "en"}, ["Armenia"]),
    ],
)
def test_filters(inputs, meeting, filters, expected):
    assert found(meeting, **filters) == expected


@pytest.mark.parametrize(
    "q, expected",
    [
        ("diaspora", ["Armenia"]),  # English; the submitted Italian input never shows
        ("сотрудничество", ["Kazakhstan"]),  # Russian
        ("intégration", ["Portugal"]),  # French
        ("municipalités migrants", ["Portugal"]),  # every word, in one answer
        ("Portugal", ["Portugal"]),  # the state's name
        ("zebra", []),
    ],
)
def test_search_finds_words_in_every_language(inputs, meeting, q, expected):
    assert found(meeting, q=q) == expected


@pytest.mark.parametrize(
    "q, expected",
    [
        ("Сотрудничество", ["Kazakhstan"]),  # Cyrillic capital, as typed at a sentence start
        ("СОТРУДНИЧЕСТВО ДИАСПОРОЙ", ["Kazakhstan"]),
        ("INTÉGRATION MUNICIPALITÉS", ["Portugal"]),  # Latin letters with accents
        ("DIASPORA", ["Armenia"]),
        ("казахстан", ["Kazakhstan"]),  # the state's Russian name, in lower case
        ("КАЗАХСТАН", ["Kazakhstan"]),
        ("portugal", ["Portugal"]),
    ],
)
def test_search_ignores_case_in_every_script(inputs, meeting, q, expected):
    assert found(meeting, q=q) == expected


def test_the_excerpt_marks_a_hit_typed_in_another_case(client, inputs):
    content = client.get("/submissions/", {"q": "СОТРУДНИЧЕСТВО"}).content.decode()
    assert "Мы укрепляем <mark>сотрудничество</mark> с диаспорой" in content


def test_search_and_filters_combine(inputs, meeting):
    assert found(meeting, q="diaspora", language="ru") == []
    assert found(meeting, q="intégration", objective=16) == ["Portugal"]


def test_the_page_searches_and_says_how_many_inputs_match(client, inputs):
    response = client.get("/submissions/", {"q": "сотрудничество"})
    assert texts(response.content, "h2") == ["Kazakhstan"]
    assert "1 written input matches “сотрудничество”." in texts(response.content, "p")

    response = client.get("/submissions/", {"q": "zebra"})
    assert texts(response.content, "h2") == []
    assert "0 written inputs match “zebra”." in texts(response.content, "p")


def test_the_page_filters_by_objective(client, inputs):
    content = client.get("/submissions/", {"objective": "23"}).content
    assert texts(content, "h2") == ["Armenia", "Kazakhstan"]
    assert '<option value="23" selected>23. Strengthen' in content.decode()


def test_the_search_excerpt_marks_the_hit(client, inputs):
    content = client.get("/submissions/", {"q": "diaspora"}).content.decode()
    assert (
        '<p class="excerpt"><span class="question-letter">(c)</span> We shared good practices on '
        "<mark>diaspora</mark> engagement and remittances.</p>"
    ) in content


@postgresql_only
@pytest.mark.parametrize(
    "q, expected",
    [
        ("remittance", ["Armenia"]),  # English stemming
        ("сотрудничества", ["Kazakhstan"]),  # Russian stemming
        ("intégrer", ["Portugal"]),  # French stemming
        ('"good practices"', ["Armenia"]),  # websearch syntax: a phrase
        ('"practices good"', []),
        ("zebra or diaspora", ["Armenia"]),
    ],
)
def test_postgresql_search_stems_in_every_language(inputs, meeting, q, expected):
    assert found(meeting, q=q) == expected


@postgresql_only
def test_postgresql_ranks_the_best_match_first(make_input, meeting):
    make_input("ALB", answers={"a": "<p>Migrants.</p>"})
    make_input("AUT", answers={"a": "<p>Migrants, migrants and more migrants.</p>"})
    assert found(meeting, q="migrants") == ["Austria", "Albania"]


@postgresql_only
def test_postgresql_excerpt_marks_stemmed_hits_in_the_inputs_language(client, inputs):
    content = client.get("/submissions/", {"q": "сотрудничества"}).content.decode()
    assert "<mark>сотрудничество</mark>" in content


# Coverage ----------------------------------------------------------------------------------

SUBREGIONS = [
    "Central Asia",
    "Eastern Europe",
    "Northern America",
    "Northern Europe",
    "Southern Europe",
    "Western Asia",
    "Western Europe",
]
# objective -> published inputs reporting on it, per subregion in the order above, and total
EXPECTED = {
    1: ([0, 0, 0, 0, 0, 1, 0], 1),  # Armenia: answer (a) and "data"
    2: ([0, 0, 0, 0, 0, 1, 0], 1),  # Armenia: "finance"
    5: ([0, 0, 0, 0, 0, 1, 0], 1),  # Armenia: answer (c)
    12: ([0, 0, 0, 0, 1, 0, 0], 1),  # Portugal: answer (b)
    16: ([0, 0, 0, 0, 1, 0, 0], 1),  # Portugal: "capacity_building"
    23: ([1, 0, 0, 0, 0, 1, 0], 2),  # Kazakhstan (d); Armenia (a) and "finance" count once
}


def expected_row(number: int) -> tuple[list[int], int]:
    return EXPECTED.get(number, ([0] * 7, 0))


def test_coverage_counts_each_published_input_once_per_objective(inputs, meeting):
    coverage = objective_coverage(meeting=meeting)

    assert coverage.subregions == SUBREGIONS
    assert [(row.objective.number, row.counts, row.total) for row in coverage.rows] == [
        (number, *expected_row(number)) for number in range(1, 24)
    ]
    assert (coverage.inputs, coverage.inputs_total) == ([1, 0, 0, 0, 1, 1, 0], 3)
    assert (coverage.states, coverage.states_total) == ([5, 10, 2, 10, 14, 6, 9], 56)


def test_the_coverage_page_shows_every_cell_as_a_number(client, inputs):
    content = client.get("/submissions/coverage/").content
    rows = table_rows(content)

    assert rows[0] == ["GCM objective", *SUBREGIONS, "Whole region"]
    body = rows[1:24]
    assert [row[0].split(" ", 1)[0] for row in body] == [str(n) for n in range(1, 24)]
    assert [row[1:] for row in body] == [
        [str(count) for count in [*counts, total]]
        for counts, total in map(expected_row, range(1, 24))
    ]
    assert rows[24:] == [
        ["Published written inputs", "1", "0", "0", "0", "1", "1", "0", "3"],
        ["Member States", "5", "10", "2", "10", "14", "6", "9", "56"],
    ]
    html = content.decode()
    assert '<th scope="col" class="number">Central Asia</th>' in html
    assert '<caption id="coverage-caption">' in html
    assert '<a href="/submissions/?objective=23&amp;subregion=Central%20Asia">1</a>' in html
