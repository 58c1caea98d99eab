"""The Rapporteur's summary is one form: "Submit to Network staff" saves what is typed first."""

from submissions.models import RapporteurSummary


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_the_rapporteurs_submit_button_saves_the_typed_summary(client_of, meeting, rapporteur):
    writer = client_of(rapporteur)
    response = writer.get("/ru/staff/rapporteur-summary/")
    assert response.context["form"]["language"].value() == "ru"
    response = writer.post(
        "/ru/staff/rapporteur-summary/",
        {"version": 1, "language": "ru", "body": "<p>Итоги консультаций.</p>", "action": "submit"},
        follow=True,
    )
    summary = RapporteurSummary.objects.get()
    assert (summary.status, summary.language, summary.body) == (
        "submitted",
        "ru",
        "<p>Итоги консультаций.</p>",
    )
    assert messages_of(response) == [
        "Проект сохранён.",
        "Резюме представлено; сотрудники Сети опубликуют его.",
    ]
