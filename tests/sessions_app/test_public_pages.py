import datetime

import pytest
from django.utils import timezone

from sessions_app.models import KeyDate
from tests.html import html_lang, text, texts

PAGES = ["/", "/programme/", "/programme/session-3/", "/objectives/", "/documents/"]
PREFIX = {"en": "", "fr": "/fr", "ru": "/ru"}

# The page's main heading in each language, as a reader sees it.
HEADINGS = {
    "/programme/": {"en": "Programme", "fr": "Programme", "ru": "Программа"},
    "/programme/session-3/": {
        "en": "Thematic session 3",
        "fr": "Session thématique 3",
        "ru": "Тематическое заседание 3",
    },
    "/objectives/": {
        "en": "The 23 objectives of the Global Compact for Migration",
        "fr": "Les 23 objectifs du Pacte mondial sur les migrations",
        "ru": "23 цели Глобального договора о миграции",
    },
    "/documents/": {"en": "Documents", "fr": "Documents", "ru": "Документы"},
}


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_public_page_answers_in_each_language(client, meeting, path, language):
    response = client.get(PREFIX[language] + path)
    assert response.status_code == 200
    assert html_lang(response.content) == language
    if path in HEADINGS:
        assert text(response.content, "h1") == HEADINGS[path][language]


def test_home_page_in_russian_shows_russian_words(client, meeting):
    response = client.get("/ru/")
    headings = texts(response.content, "h2")
    assert headings[:3] == ["Ключевые даты", "О региональном обзоре", "Как принять участие"]
    assert text(response.content, "h1") == meeting.name_ru


def test_home_page_in_french_shows_french_words(client, meeting):
    response = client.get("/fr/")
    assert texts(response.content, "h2")[:3] == [
        "Dates clés",
        "À propos de l'examen régional",
        "Comment participer",
    ]
    assert text(response.content, "h1") == meeting.name_fr


def test_home_page_shows_times_in_cet_with_the_zone_named(client, meeting):
    content = client.get("/").content.decode()
    assert '08:30</time>–<time datetime="2024-03-11T10:00:00+01:00">10:00</time>' in content
    assert '<abbr title="Europe/Zurich">CET</abbr>' in content
    assert '10:00</time>–<time datetime="2024-03-11T18:00:00+01:00">18:00</time>' in content


def test_home_page_counts_days_left_and_passed_relative_to_now(client, meeting):
    now = timezone.now()
    # Noon in Geneva, 12 days from Geneva's today: whatever the hour the test runs at.
    in_twelve_days = now.astimezone(meeting.tzinfo).date() + datetime.timedelta(days=12)
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=datetime.datetime.combine(in_twelve_days, datetime.time(12), tzinfo=meeting.tzinfo)
    )
    rows = texts(client.get("/").content, "tr")
    closes = next(r for r in rows if r.startswith("Registration closes"))
    report = next(r for r in rows if r.startswith("Summary report due"))
    assert closes.endswith("in 12 days")
    days_since = (now.astimezone(meeting.tzinfo).date() - datetime.date(2024, 4, 10)).days
    assert report.endswith(f"{days_since} days ago")


def test_programme_lists_every_segment_in_order_with_objective_titles(client, meeting):
    content = client.get("/programme/").content
    assert texts(content, "h2") == [
        "Multi-stakeholder Hearing",
        "Opening segment",
        "Thematic session 1",
        "Thematic session 2",
        "High-level Panel on Regular Migration Pathways",
        "Thematic session 3",
        "Thematic session 4",
        "Closing segment",
    ]
    assert "Enhance availability and flexibility of pathways for regular migration" in (
        content.decode()
    )


def test_objectives_page_names_the_session_covering_each_objective(client, meeting):
    rows = texts(client.get("/objectives/").content, "tr")[1:]
    assert len(rows) == 23
    assert rows[15] == (
        "16 Empower migrants and societies to realize full inclusion and social cohesion "
        "Thematic session 3"
    )


def test_objective_titles_are_shown_in_the_page_language(client, meeting):
    rows = texts(client.get("/ru/objectives/").content, "tr")[1:]
    assert rows[0].startswith("1 Сбор и использование точных и дезагрегированных данных")
    assert rows[0].endswith("Тематическое заседание 4")


def test_documents_page_lists_the_concept_note_documentation(client, meeting):
    items = texts(client.get("/documents/").content, "li")
    assert "Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195)" in items
    assert len([i for i in items if "A/RES/" in i]) == 3


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/programme/hearing/", "Multi-stakeholder Hearing"),
        ("/fr/programme/session-3/", "Conférence intergouvernementale"),
        ("/ru/programme/hearing/", "Многосторонние слушания"),
    ],
)
def test_a_session_page_names_its_part_of_the_meeting(client, meeting, path, expected):
    content = client.get(path).content.decode()
    terms, details = texts(content, "dt"), texts(content, "dd")
    assert dict(zip(terms, details, strict=True))[terms[1]] == expected


def test_the_programme_names_each_sessions_part_of_the_meeting(client, meeting):
    parts = texts(client.get("/ru/programme/").content, "p")
    assert [
        p for p in parts if p in {"Многосторонние слушания", "Межправительственная конференция"}
    ] == ["Многосторонние слушания"] + ["Межправительственная конференция"] * 7
