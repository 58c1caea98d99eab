import pytest

from tests.html import html_lang, text


@pytest.mark.parametrize(
    "path, language",
    [
        ("/programme/no-such-session/", "en"),
        ("/ru/programme/no-such-session/", "ru"),
        ("/de/programme/", "en"),
        ("/xx/", "en"),
    ],
)
def test_unknown_pages_answer_404_in_the_sites_style(client, meeting, path, language):
    response = client.get(path)
    assert response.status_code == 404
    assert html_lang(response.content) == language
    assert (
        text(response.content, "h1")
        == {"en": "Page not found", "ru": "Страница не найдена"}[language]
    )
    assert (
        text(response.content, "a")
        == {"en": "Skip to main content", "ru": "Перейти к основному содержанию"}[language]
    )


def test_pages_answer_404_before_any_meeting_is_set_up(client, db):
    response = client.get("/programme/")
    assert response.status_code == 404
    assert text(response.content, "h1") == "Page not found"
