"""The drafting page is one form: whichever button a focal point presses (save, attach, submit,
withdraw), what they typed is saved first, and a refusal brings the page back with everything
typed. The language of the answers starts as the writer's, never English by default."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sessions_app.models import GCMObjective, KeyDate
from submissions.models import Attachment, Submission
from tests.submissions.test_drafting import PDF, errors_on, form_data, messages_of

RUSSIAN = {
    "a": "Мы приняли национальный план по миграции.",
    "b": "",
    "c": "Диаспора финансирует местные проекты.",
    "d": "Мы обмениваемся опытом с соседями.",
    "e": "Нам нужны данные о трудовой миграции.",
}


def russian_form(version, **extra):
    return {**form_data(version, **RUSSIAN), "language": "ru", **extra}


class _Forms(HTMLParser):
    """Each form of the page: where it posts and the names of the controls inside it."""

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"action": attrs.get("action", ""), "names": []}
            self.forms.append(self.current)
        elif tag in ("input", "textarea", "select", "button") and self.current is not None:
            self.current["names"].append(f"{attrs.get('name')}={attrs.get('value', '')}")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def forms_of(response) -> list[dict]:
    parser = _Forms()
    parser.feed(response.content.decode())
    layout = ("/i18n/setlang/", "/ru/accounts/logout/")  # the header's language and sign-out
    return [form for form in parser.forms if form["action"] not in layout]


def deadline_passed(meeting):
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_the_page_has_one_form_whose_every_button_carries_the_answers(
    client_of, inputs_open, focal_point_a
):
    forms = forms_of(client_of(focal_point_a).get("/ru/my/submission/"))
    drafting = [form for form in forms if "answer_a=" in form["names"]]
    assert [form["action"] for form in forms] == ["/ru/my/submission/"]
    assert [name for name in drafting[0]["names"] if name.startswith("action=")] == [
        "action=attach",
        "action=save",
        "action=submit",
        "action=withdraw",
    ]
    assert "file=" in drafting[0]["names"]


def test_pressing_submit_saves_what_is_typed_then_submits(client_of, inputs_open, focal_point_a):
    client = client_of(focal_point_a)
    typed = {**russian_form(1, action="submit"), "answer_b": "Мы защищаем права мигрантов."}
    response = client.post("/ru/my/submission/", typed, follow=True)
    submission = Submission.objects.get()
    assert (submission.status, submission.language) == ("submitted", "ru")
    assert dict(submission.answers.values_list("question__letter", "text_plain")) == {
        **RUSSIAN,
        "b": "Мы защищаем права мигрантов.",
    }
    assert messages_of(response) == [
        "Ваши письменные материалы сохранены.",
        "Спасибо: ваши письменные материалы направлены в Сеть на рассмотрение.",
    ]


def test_submit_with_a_question_unanswered_keeps_every_typed_answer_and_the_language(
    client_of, inputs_open, focal_point_a
):
    client = client_of(focal_point_a)
    response = client.post("/ru/my/submission/", russian_form(1, action="submit"), follow=True)
    assert Submission.objects.get().status == "draft"
    assert messages_of(response) == [
        "Ваши письменные материалы сохранены.",
        "Перед представлением ответьте на все руководящие вопросы; нет ответов на вопросы: (b).",
    ]
    form = response.context["form"]
    assert {letter: form[f"answer_{letter}"].value() for letter in "acde"} == {
        letter: f"<p>{text}</p>" for letter, text in RUSSIAN.items() if text
    }
    assert form["language"].value() == "ru"


def test_a_refused_submit_after_the_deadline_comes_back_with_everything_typed(
    client_of, inputs_open, focal_point_a
):
    client = client_of(focal_point_a)
    client.get("/ru/my/submission/")
    deadline_passed(inputs_open)
    objective_23, objective_19 = (str(GCMObjective.objects.get(number=n).pk) for n in (23, 19))
    typed = russian_form(
        1, action="submit", objectives_c=[objective_23], area_finance=[objective_19]
    )
    response = client.post("/ru/my/submission/", typed)
    assert response.status_code == 400
    assert errors_on(response) == [
        "Срок представления письменных материалов истёк. "
        "Обратитесь в Сеть с просьбой о продлении срока."
    ]
    form = response.context["form"]
    assert {letter: form[f"answer_{letter}"].value() for letter in "abcde"} == RUSSIAN
    assert (form["language"].value(), form["objectives_c"].value()) == ("ru", [objective_23])
    assert form["area_finance"].value() == [objective_19]
    assert Submission.objects.get().answers.filter(text_plain__gt="").count() == 0


def test_a_stale_submit_is_refused_and_keeps_the_text(client_of, inputs_open, focal_point_a):
    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(1))
    response = client.post("/my/submission/", russian_form(1, action="submit"))
    assert response.status_code == 409
    assert response.context["form"]["answer_c"].value() == RUSSIAN["c"]
    assert Submission.objects.get().status == "draft"


def test_a_file_chosen_is_attached_and_ticked_files_removed_with_the_answers(
    client_of, inputs_open, focal_point_a
):
    client = client_of(focal_point_a)
    client.post(
        "/my/submission/",
        {**form_data(1), "action": "attach", "file": SimpleUploadedFile("Plan.pdf", PDF)},
        follow=True,
    )
    plan = Attachment.objects.get()
    response = client.post(
        "/my/submission/",
        {
            **form_data(2, a="Changed while attaching."),
            "action": "save",
            "remove": [str(plan.pk)],
            "file": SimpleUploadedFile("Annex.pdf", PDF),
        },
        follow=True,
    )
    assert list(Attachment.objects.values_list("name", flat=True)) == ["Annex.pdf"]
    answer_a = Submission.objects.get().answers.get(question__letter="a")
    assert answer_a.text_plain == "Changed while attaching."
    assert messages_of(response) == [
        "Your written input has been saved.",
        "The file has been removed.",
        "The file has been attached.",
    ]


def test_withdrawing_saves_what_is_typed_first(client_of, inputs_open, focal_point_a):
    client_of(focal_point_a).post(
        "/my/submission/", {**form_data(1, a="Kept though withdrawn."), "action": "withdraw"}
    )
    submission = Submission.objects.get()
    assert submission.status == "withdrawn"
    assert submission.answers.get(question__letter="a").text_plain == "Kept though withdrawn."


@pytest.mark.parametrize(
    ("path", "preferred", "expected"),
    [
        ("/ru/my/submission/", "en", "ru"),
        ("/fr/my/submission/", "ru", "fr"),
        ("/my/submission/", "ru", "ru"),
        ("/my/submission/", "en", "en"),
    ],
)
def test_a_new_drafts_language_is_the_page_language_or_the_persons(
    client_of, inputs_open, focal_point_a, path, preferred, expected
):
    focal_point_a.preferred_language = preferred
    focal_point_a.save()
    response = client_of(focal_point_a).get(path)
    assert response.context["form"]["language"].value() == expected


def test_a_saved_language_is_kept_whatever_the_page(client_of, inputs_open, focal_point_a):
    client = client_of(focal_point_a)
    client.post("/my/submission/", {**form_data(1), "language": "fr"})
    assert client.get("/ru/my/submission/").context["form"]["language"].value() == "fr"
