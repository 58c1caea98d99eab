"""The public pages of written inputs: the list, one input, who may read what, withdrawal,
the coverage page, the open-data documentation, and inert answers (XSS)."""

import pytest

from submissions import services
from submissions.opendata import FIELD_NAMES
from tests.html import html_lang, text, texts
from tests.submissions.conftest import PDF_BYTES, table_rows

OBJECTIVE_1 = "1 Collect and utilize accurate and disag"
OBJECTIVE_2 = "2 Minimize the adverse drivers and struc"
OBJECTIVE_5 = "5 Enhance availability and flexibility o"
OBJECTIVE_23 = "23 Strengthen international cooperation "
ROLES = ["anonymous", "stakeholder", "focal_point_a", "focal_point_b", "staff"]


def lists_in(content: str, css_class: str) -> list[list[str]]:
    """The item texts of every ``<ul class="css_class">``, in document order."""
    parts = content.split(f'<ul class="{css_class}">')[1:]
    return [texts(part[: part.index("</ul>")], "li") for part in parts]


@pytest.fixture
def users(stakeholder, focal_point_a, focal_point_b, staff_user):
    return {
        "anonymous": None,
        "stakeholder": stakeholder,
        "focal_point_a": focal_point_a,
        "focal_point_b": focal_point_b,
        "staff": staff_user,
    }


@pytest.fixture
def armenia(make_input):
    """Armenia's published input: objectives on (a) and (c), two cooperation areas, a file."""
    return make_input(
        "ARM",
        answers={
            "a": "<p>We adopted a <strong>national plan</strong>.</p><ul><li>Step one</li></ul>",
            "c": "<p>We shared good practices on <a href='https://example.org/r'>returns</a>.</p>",
        },
        answer_objectives={"a": [1, 23], "c": [5]},
        cooperation={"finance": [2, 23], "data": [1]},
        attachment="National plan.pdf",
    )


def test_the_list_shows_each_published_input_with_its_facts(client, armenia, make_input):
    make_input("PRT", language="fr", answer_objectives={"b": [12]})
    make_input("ITA", status="submitted")

    content = client.get("/submissions/").content

    assert text(content, "h1") == "Written inputs"
    assert texts(content, "h2") == ["Armenia", "Portugal"]
    date = armenia.published_at.strftime("%-d %B %Y")
    items = texts(content, "li")
    assert f"Armenia Western Asia · English · Published: {date} · PDF" in " ".join(items)
    assert "Portugal Southern Europe · French" in " ".join(items)
    assert text(content, "p").startswith("Member States' written answers")
    parts = content.split(b'<p class="result-objectives"')[1:]
    objectives = [text(b"<p" + part, "p") for part in parts]
    assert objectives == ["GCM objectives: 1, 2, 5, 23", "GCM objectives: 12"]
    assert b'<a href="/submissions/?objective=23">23</a>' in content


def test_the_main_navigation_links_to_the_written_inputs(client, meeting):
    content = client.get("/").content.decode()
    assert '<a href="/submissions/">Written inputs</a>' in content


def test_the_detail_page_shows_the_whole_input(client, armenia, meeting):
    response = client.get(f"/submissions/{armenia.pk}/")

    assert response.status_code == 200
    content = response.content.decode()
    assert text(content, "h1") == "Written input of Armenia"
    questions = {q.letter: q.text for q in meeting.guiding_questions.all()}
    assert texts(content, "h2")[:5] == [f"({letter}) {questions[letter]}" for letter in "abcde"]
    assert "<p>We adopted a <strong>national plan</strong>.</p><ul><li>Step one</li></ul>" in (
        content
    )
    assert (
        '<a href="https://example.org/r" rel="noopener noreferrer nofollow">returns</a>' in content
    )
    assert "Not published" not in content
    assert texts(content, "h3") == [
        "GCM objectives this answer concerns",  # (a)
        "GCM objectives this answer concerns",  # (c)
        "Data gathering and analysis",
        "Finance",
    ]
    assert [[item[:40] for item in items] for items in lists_in(content, "objective-list")] == [
        [OBJECTIVE_1, OBJECTIVE_23],  # (a)
        [OBJECTIVE_5],  # (c)
        [OBJECTIVE_1],  # data
        [OBJECTIVE_2, OBJECTIVE_23],  # finance
    ]
    attachment = armenia.attachments.get()
    assert f'<a href="/attachments/{attachment.pk}/">National_plan.pdf</a>' in content


def test_the_detail_page_speaks_the_visitors_language(client, armenia, meeting):
    question_a = meeting.guiding_questions.get(letter="a")

    content = client.get(f"/ru/submissions/{armenia.pk}/").content

    assert html_lang(content) == "ru"
    assert texts(content, "h2")[0] == f"(a) {question_a.text_ru}"
    assert '<div class="prose answer" lang="en">' in content.decode()


def test_attachments_of_a_published_input_download_for_everyone(client, armenia):
    attachment = armenia.attachments.get()
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


# Who may read ------------------------------------------------------------------------------

UNPUBLISHED = ["draft", "submitted", "returned", "withdrawn"]
CAN_READ_UNPUBLISHED = {"focal_point_a", "staff"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("suffix", ["", "pdf/"])
def test_an_unpublished_input_is_only_for_its_state_and_staff(
    client_of, make_input, users, staff_user, role, status, suffix
):
    submission = make_input("ARM", status="submitted" if status == "returned" else status)
    if status == "returned":
        services.submission_return(submission=submission, by=staff_user, comment="More, please.")

    response = client_of(users[role]).get(f"/submissions/{submission.pk}/{suffix}")

    if role not in CAN_READ_UNPUBLISHED:
        assert (response.status_code, text(response.content, "h1")) == (404, "Page not found")
    elif suffix:
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code == 200
        notice = text(response.content.split(b'class="notice-unpublished"')[1], "p")
        label = {"returned": "returned for changes"}.get(status, status)
        assert notice == (
            f"Not published. This written input is {label}: only the focal points of Armenia "
            "and Network staff can see this page."
        )


@pytest.mark.parametrize("role", ROLES)
def test_a_published_input_is_public(client_of, armenia, users, role):
    response = client_of(users[role]).get(f"/submissions/{armenia.pk}/")
    assert (response.status_code, text(response.content, "h1")) == (
        200,
        "Written input of Armenia",
    )
    assert b"notice-unpublished" not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_only_published_inputs_whoever_asks(client_of, make_input, users, role):
    make_input("ARM", status="draft")
    make_input("PRT", status="submitted")
    make_input("ITA", status="withdrawn")
    make_input("FRA")

    content = client_of(users[role]).get("/submissions/").content

    assert texts(content, "h2") == ["France"]


def test_unknown_inputs_are_not_found(client, meeting):
    assert client.get("/submissions/999999/").status_code == 404
    assert client.get("/submissions/999999/pdf/").status_code == 404


def test_a_withdrawn_input_disappears_from_every_public_page(client, make_input, staff_user):
    armenia = make_input("ARM", answer_objectives={"c": [23]}, answers={"c": "<p>Diaspora.</p>"})
    make_input("PRT", answer_objectives={"c": [23]})
    pages = [
        "/submissions/",
        "/submissions/?q=Diaspora",
        "/submissions/?objective=23",
        "/submissions/coverage/",
        "/submissions.json",
        "/submissions.csv",
        f"/submissions/{armenia.pk}/",
        f"/submissions/{armenia.pk}/pdf/",
    ]
    before = {path: client.get(path) for path in pages}  # and whatever is cached
    assert all(response.status_code == 200 for response in before.values())
    assert "Armenia" in before["/submissions.json"].content.decode()

    services.submission_withdraw(submission=armenia, by=staff_user)

    assert texts(client.get("/submissions/").content, "h2") == ["Portugal"]
    assert texts(client.get("/submissions/?q=Diaspora").content, "h2") == []
    assert texts(client.get("/submissions/?objective=23").content, "h2") == ["Portugal"]
    coverage = client.get("/submissions/coverage/").content.decode()
    assert "Armenia" not in coverage
    assert table_rows(coverage)[-2] == [
        "Published written inputs",
        "0",
        "0",
        "0",
        "0",
        "1",
        "0",
        "0",
        "1",
    ]
    assert {row["member_state"] for row in client.get("/submissions.json").json()["answers"]} == {
        "Portugal"
    }
    assert "Armenia" not in client.get("/submissions.csv").content.decode()
    assert client.get(f"/submissions/{armenia.pk}/").status_code == 404
    assert client.get(f"/submissions/{armenia.pk}/pdf/").status_code == 404


# Pages around the list ---------------------------------------------------------------------


def test_the_open_data_page_documents_every_field(client, meeting):
    content = client.get("/submissions/data/").content
    assert text(content, "h1") == "Open data: written inputs"
    rows = table_rows(content)
    assert [row[0] for row in rows[1 : len(FIELD_NAMES) + 1]] == FIELD_NAMES
    assert rows[FIELD_NAMES.index("objectives") + 1][1:4] == [
        "array of integers",
        "Numbers (1 to 23) of the GCM objectives the answer concerns, in ascending order.",
        'Numbers separated by semicolons, e.g. "5;12"; empty when none.',
    ]
    assert ["finance", "Finance"] in rows
    assert ["ru", "Russian"] in rows
    assert '<a href="/submissions.json">' in content.decode()
    assert '<a href="/submissions.csv">' in content.decode()


def test_the_filter_form_ignores_values_it_does_not_know(client, armenia):
    response = client.get("/submissions/?objective=99&subregion=Atlantis&q=plan")
    assert response.status_code == 200
    assert texts(response.content, "h2") == ["Armenia"]
    assert "Select a valid choice." in response.content.decode()


# XSS ---------------------------------------------------------------------------------------

PAYLOADS = {
    "a": "<p>Plan<script>alert('a')</script></p>",
    "b": "<p><img src=x onerror=\"alert('b')\">Partners</p>",
    "c": "<p><a href=\"javascript:alert('c')\">Click</a> and "
    '<a href="JaVaScRiPt:alert(1)">x</a></p>',
    "d": "<svg onload=\"alert('d')\"><script>alert('d')</script></svg><p>Data</p>",
    "e": "<p>&lt;script&gt;alert('e')&lt;/script&gt; Finance</p>"
    '<p><a href="data:text/html;base64,PHNjcmlwdD4=">data</a></p>',
}


@pytest.fixture
def hostile(make_input):
    return make_input("ARM", answers=PAYLOADS)


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for needle in ("<script", "onerror", "onload", "javascript:", "<svg", "<img", "data:text"):
        assert needle not in lowered, needle


def test_hostile_answers_are_stored_clean(hostile):
    stored = {a.question.letter: a.text for a in hostile.answers.select_related("question")}
    assert stored == {
        "a": "<p>Plan</p>",
        "b": "<p>Partners</p>",
        "c": '<p><a rel="noopener noreferrer nofollow">Click</a> and '
        '<a rel="noopener noreferrer nofollow">x</a></p>',
        "d": "<p>Data</p>",
        "e": "<p>&lt;script&gt;alert('e')&lt;/script&gt; Finance</p>"
        '<p><a rel="noopener noreferrer nofollow">data</a></p>',
    }


def test_hostile_answers_are_inert_on_the_detail_page(client, hostile):
    content = client.get(f"/submissions/{hostile.pk}/").content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    assert_inert(main)
    assert "&lt;script&gt;alert(&#x27;e&#x27;)&lt;/script&gt; Finance" in main or (
        "&lt;script&gt;alert('e')&lt;/script&gt; Finance" in main
    )


def test_hostile_answers_are_inert_in_the_search_excerpt(client, make_input):
    """The plain text of an answer holds what was escaped in its HTML: the excerpt escapes it."""
    make_input(
        "ARM",
        answers={"e": "<p>Finance &amp; trade: 3 &lt; 4 &lt;b onmouseover=alert(1)&gt;bold</p>"},
    )
    content = client.get("/submissions/?q=Finance").content.decode()

    excerpt = content[content.index('<p class="excerpt">') :]
    excerpt = excerpt[: excerpt.index("</p>") + 4]
    assert excerpt == (
        '<p class="excerpt"><span class="question-letter">(e)</span> <mark>Finance</mark> '
        "&amp; trade: 3 &lt; 4 &lt;b onmouseover=alert(1)&gt;bold</p>"
    )


def test_hostile_text_stays_escaped_when_sanitised_html_is_forged_in_the_database(client, armenia):
    """Defence in depth: even a row written around the services renders inert."""
    answer = armenia.answers.get(question__letter="a")
    answer.text = (
        '<p>ok</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:x">j</a>'
    )
    answer.save(update_fields=["text"])

    content = client.get(f"/submissions/{armenia.pk}/").content.decode()

    main = content[content.index("<main") : content.index("</main>")]
    assert_inert(main)
    assert "<p>ok</p>" in main
