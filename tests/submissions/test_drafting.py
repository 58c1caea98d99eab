"""A focal point drafts, attaches, submits; staff return and publish; the rules on the way."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registration.models import FocalPoint
from sessions_app.models import GCMObjective, KeyDate
from submissions.models import Revision, Submission
from tests.conftest import make_user
from tests.html import texts
from tests.pdfs import pdf_document

PDF = pdf_document()


@pytest.fixture
def inputs_open(meeting):
    """Written inputs are due in a week."""
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=7)
    )
    return meeting


def form_data(version, **answers):
    data = {"version": version, "language": "en"}
    for letter in "abcde":
        data[f"answer_{letter}"] = answers.get(letter, f"Our answer to question {letter}.")
    return data


def errors_on(response):
    content = response.content.decode()
    start = content.find('<ul class="errorlist nonfield">')
    return texts(content[start : content.index("</ul>", start) + 5], "li") if start >= 0 else []


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_focal_point_drafts_attaches_submits_and_staff_publish(
    client_of, inputs_open, focal_point_a, staff_user, django_capture_on_commit_callbacks
):
    client = client_of(focal_point_a)
    assert client.get("/my/submission/").context["form"].initial["version"] == 1
    objective_23 = GCMObjective.objects.get(number=23)
    data = form_data(1, c="<p>We <strong>shared</strong> good practices.</p>")
    data["objectives_c"] = [str(objective_23.pk)]
    data["area_finance"] = [str(objective_23.pk)]
    response = client.post("/my/submission/", data)
    assert (response.status_code, response["Location"]) == (302, "/my/submission/")
    submission = Submission.objects.get()
    answer_c = submission.answers.get(question__letter="c")
    assert answer_c.text == "<p>We <strong>shared</strong> good practices.</p>"
    assert answer_c.text_plain == "We shared good practices."
    assert [o.number for o in answer_c.objectives.all()] == [23]
    assert [
        (n.area, [o.number for o in n.objectives.all()]) for n in submission.cooperation_needs.all()
    ] == [("finance", [23])]

    client.post("/my/submission/attachments/", {"file": SimpleUploadedFile("Plan.pdf", PDF)})
    assert list(submission.attachments.values_list("name", "kind")) == [("Plan.pdf", "pdf")]

    client.post("/my/submission/submit/", {"version": 2})
    submission.refresh_from_db()
    assert submission.status == "submitted"

    client = client_of(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/submissions/{submission.pk}/return/", {"comment": "Add examples."})
    submission.refresh_from_db()
    assert (submission.status, submission.staff_comment) == ("returned", "Add examples.")
    assert [m.subject for m in mail.outbox] == [
        "[GCM Regional Review] Your written input has been returned for changes"
    ]

    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(submission.version, c="<p>Examples added.</p>"))
    submission.refresh_from_db()
    client.post("/my/submission/submit/", {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == "submitted"

    with django_capture_on_commit_callbacks(execute=True):
        client_of(staff_user).post(f"/staff/submissions/{submission.pk}/publish/")
    submission.refresh_from_db()
    assert submission.status == "published"
    assert mail.outbox[-1].subject == "[GCM Regional Review] Your written input is published"
    assert [r.action for r in submission.revisions.order_by("number")] == [
        "saved",
        "attached",
        "submitted",
        "returned",
        "saved",
        "submitted",
        "published",
    ]
    public = client_of(None).get(f"/submissions/{submission.pk}/")
    assert public.status_code == 200
    assert "Examples added." in public.content.decode()
    rows = client_of(None).get("/submissions.json").json()
    rows = rows["answers"] if isinstance(rows, dict) else rows
    assert sorted({row["iso_alpha3"] for row in rows}) == ["ARM"]


def test_submitting_needs_every_question_answered(client_of, inputs_open, focal_point_a):
    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(1, b="", d=""), follow=True)
    response = client.post("/my/submission/submit/", {"version": 2}, follow=True)
    assert messages_of(response) == [
        "Answer every guiding question before submitting; missing: (b), (d)."
    ]
    assert Submission.objects.get().status == "draft"


def test_stale_save_is_refused_and_the_text_kept_on_the_form(client_of, inputs_open, focal_point_a):
    colleague = make_user("second@mfa.example.am", full_name="Second Focal")
    FocalPoint.objects.create(
        user=colleague, member_state=focal_point_a.focal_point.member_state, status="verified"
    )
    client_of(focal_point_a).get("/my/submission/")  # both load version 1
    client_of(colleague).post("/my/submission/", form_data(1, a="<p>Colleague's text.</p>"))

    response = client_of(focal_point_a).post(
        "/my/submission/", form_data(1, a="<p>My own careful text.</p>")
    )
    assert response.status_code == 409
    assert errors_on(response) == [
        "Another focal point of your State saved this input while you were editing it. Your "
        "text is still in the form below: compare it with the saved version, then save again."
    ]
    assert response.context["form"]["answer_a"].value() == "<p>My own careful text.</p>"
    answer_a = Submission.objects.get().answers.get(question__letter="a")
    assert answer_a.text == "<p>Colleague's text.</p>"


def test_submit_one_second_after_the_deadline_is_refused_and_an_extension_lets_it_in(
    client_of, inputs_open, focal_point_a, staff_user
):
    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(1), follow=True)
    inputs_open.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.post("/my/submission/submit/", {"version": 2}, follow=True)
    assert messages_of(response) == [
        "The deadline for written inputs has passed. Ask the Network for an extension."
    ]
    assert Submission.objects.get().status == "draft"

    armenia = focal_point_a.focal_point.member_state
    until = (timezone.now() + datetime.timedelta(days=2)).astimezone(inputs_open.tzinfo)
    client_of(staff_user).post(
        "/staff/submissions/extensions/",
        {"member_state": armenia.pk, "until": until.strftime("%Y-%m-%dT%H:%M")},
    )
    client_of(focal_point_a).post("/my/submission/submit/", {"version": 2})
    assert Submission.objects.get().status == "submitted"


def test_answers_over_the_length_limit_are_refused_and_kept(client_of, inputs_open, focal_point_a):
    long_text = "word " * 2500
    response = client_of(focal_point_a).post("/my/submission/", form_data(1, b=long_text))
    assert response.status_code == 400
    assert errors_on(response) == ["The answer to question (b) is longer than 12 000 characters."]
    assert response.context["form"]["answer_b"].value() == long_text
    assert Submission.objects.get().version == 1


def test_answers_are_sanitised_on_save(client_of, inputs_open, focal_point_a):
    payload = (
        '<p onclick="x()">Hi<script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">a</a><a href="https://ok.example">b</a>'
        "<svg><g onload=alert(1)></g></svg><iframe src=//evil></iframe></p>"
    )
    client_of(focal_point_a).post("/my/submission/", form_data(1, a=payload))
    answer_a = Submission.objects.get().answers.get(question__letter="a")
    assert answer_a.text == (
        '<p>Hi<a rel="noopener noreferrer nofollow">a</a>'
        '<a href="https://ok.example" rel="noopener noreferrer nofollow">b</a></p>'
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("report.pdf", PDF, ("report.pdf", "pdf")),
        ("notes.docx", docx_bytes(), ("notes.docx", "docx")),
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 100, None),
        ("fake.docx", b"PK\x03\x04not really a zip", None),
    ],
    ids=["pdf", "docx", "renamed-executable", "broken-zip"],
)
def test_attachments_are_judged_by_their_bytes(
    client_of, inputs_open, focal_point_a, name, content, expected
):
    client = client_of(focal_point_a)
    client.get("/my/submission/")
    response = client.post(
        "/my/submission/attachments/", {"file": SimpleUploadedFile(name, content)}, follow=True
    )
    attachments = list(Submission.objects.get().attachments.values_list("name", "kind"))
    if expected:
        assert (attachments, messages_of(response)) == ([expected], ["The file has been attached."])
    else:
        assert (attachments, messages_of(response)) == (
            [],
            [
                "Only PDF, Word (DOCX), OpenDocument (ODT) files are accepted, "
                "and this file is not one."
            ],
        )


def test_staff_see_what_changed_between_revisions(
    client_of, inputs_open, focal_point_a, staff_user
):
    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(1, a="<p>We have a national plan.</p>"))
    client.post("/my/submission/", form_data(2, a="<p>We have a new national plan.</p>"))
    submission = Submission.objects.get()
    assert submission.revisions.count() == 2
    response = client_of(staff_user).get(f"/staff/submissions/{submission.pk}/revisions/2/")
    changes = response.context["changes"]
    assert [(c.label, str(c.diff)) for c in changes] == [
        ("(a)", "We have a <ins>new</ins> national plan.")
    ]
    assert response.context["revision"].action == Revision.Action.SAVED


def test_withdrawn_input_can_become_a_draft_again(client_of, inputs_open, focal_point_a):
    client = client_of(focal_point_a)
    client.post("/my/submission/", form_data(1))
    client.post("/my/submission/withdraw/")
    assert Submission.objects.get().status == "withdrawn"
    client.post("/my/submission/reopen/")
    assert Submission.objects.get().status == "draft"


def test_a_revision_names_status_language_and_areas_by_their_labels():
    from django.utils import translation

    from submissions.selectors import revision_changes

    older = {"status": "draft", "language": "en", "answers": {}, "attachments": []}
    newer = {
        "status": "submitted",
        "language": "ru",
        "answers": {},
        "cooperation": {"finance": [2, 23]},
        "attachments": [],
    }
    with translation.override("fr"):
        changes = [(str(c.label), str(c.diff)) for c in revision_changes(older=older, newer=newer)]
    assert changes == [
        ("Statut", "<del>Brouillon</del> <ins>Soumise</ins>"),
        ("Langue", "<del>Anglais</del> <ins>Russe</ins>"),
        ("Domaines de coopération à renforcer", "<ins>Financement: 2 23</ins>"),
    ]


def test_no_areas_before_and_none_after_is_no_change():
    from submissions.selectors import revision_changes

    assert revision_changes(older={"cooperation": {}}, newer={"attachments": []}) == []


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "fr",
            "L'État membre suivant peut désormais soumettre sa contribution jusqu'au "
            "20 décembre 2026 18:00 : Arménie.",
        ),
        (
            "ru",
            "Государство-член (Армения) теперь может представить материалы до "
            "20 декабря 2026 г. 18:00.",
        ),
    ],
)
def test_an_extension_names_the_state_and_the_date_in_the_page_language(
    client_of, inputs_open, staff_user, language, expected
):
    from registration.models import MemberState

    armenia = MemberState.objects.get(iso_alpha3="ARM")
    response = client_of(staff_user).post(
        f"/{language}/staff/submissions/extensions/",
        {"member_state": armenia.pk, "until": "2026-12-20T18:00"},
        follow=True,
    )
    assert messages_of(response) == [expected]
