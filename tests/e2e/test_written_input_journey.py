"""In a browser, in French and in Russian: a focal point types the answers and presses "Submit to
the Network" instead of "Save the draft", with one question still unanswered. Nothing typed is
lost: the page says what is missing, every editor still holds its text, the answers' language
is still the page's; answering the last question and submitting sends it, labelled rightly."""

import pytest

from submissions.models import Submission
from tests.e2e.test_rich_text_editor import focal_point_drafting

pytestmark = pytest.mark.e2e

JOURNEYS = {
    "fr": {
        "answers": [
            "Nous avons adopté un plan national sur les migrations.",
            "Les consulats aident les travailleurs migrants.",
            "La diaspora finance des projets locaux.",
            "Nous partageons nos pratiques avec nos voisins.",
        ],
        "last": "Il nous faut des données sur la mobilité de la main-d'œuvre.",
        "submit": "Soumettre au Réseau",
        "saved": "Votre contribution écrite a été enregistrée.",
        "missing": "Répondez à chaque question directrice avant de soumettre la contribution ; "
        "questions sans réponse : (e).",
        "sent": "Merci : votre contribution écrite a été transmise au Réseau pour examen.",
    },
    "ru": {
        "answers": [
            "Мы приняли национальный план по миграции.",
            "Консульства помогают трудящимся-мигрантам.",
            "Диаспора финансирует местные проекты.",
            "Мы обмениваемся опытом с соседями.",
        ],
        "last": "Нам нужны данные о трудовой мобильности.",
        "submit": "Представить в Сеть",
        "saved": "Ваши письменные материалы сохранены.",
        "missing": "Перед представлением ответьте на все руководящие вопросы; "
        "нет ответов на вопросы: (e).",
        "sent": "Спасибо: ваши письменные материалы направлены в Сеть на рассмотрение.",
    },
}


def type_into(page, index: int, text: str) -> None:
    page.locator(".rich-text-editor").nth(index).click()
    page.keyboard.type(text)


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_the_wrong_button_pressed_with_a_question_unanswered_loses_nothing(
    page, live_site, language
):
    journey = JOURNEYS[language]
    focal_point_drafting(page, live_site)
    page.goto(f"{live_site}/{language}/my/submission/")
    assert page.locator("select[name=language]").input_value() == language

    for index, text in enumerate(journey["answers"]):
        type_into(page, index, text)
    page.get_by_role("button", name=journey["submit"]).click()

    assert page.locator(".message").all_inner_texts() == [journey["saved"], journey["missing"]]
    assert page.locator(".rich-text-editor").all_inner_texts() == [*journey["answers"], ""]
    assert page.locator("select[name=language]").input_value() == language
    submission = Submission.objects.get()
    assert (submission.status, submission.language) == ("draft", language)

    type_into(page, 4, journey["last"])
    page.get_by_role("button", name=journey["submit"]).click()

    assert page.locator(".message").all_inner_texts() == [journey["saved"], journey["sent"]]
    submission.refresh_from_db()
    assert (submission.status, submission.language) == ("submitted", language)
    assert list(submission.answers.values_list("text_plain", flat=True)) == [
        *journey["answers"],
        journey["last"],
    ]
