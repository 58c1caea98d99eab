"""Cross-site scripting: every payload of payloads/xss.txt, put into every rich-text and plain
field through the portal's own forms and services, comes out inert wherever it is shown.

A rich-text field (written-input answers, the Rapporteur's summary, report sections,
background notes, consultation agendas, GCM Talk summaries, the Logistics Note) keeps only
paragraphs, lists, emphasis and http(s)/mailto links; a plain field (names, titles,
organisations, posts, comments, key messages, session records, reasons, messages, quotes,
query parameters ...) is shown as the very text that was typed. Pages are parsed with
``html.parser`` (``_xss_helpers.page_problems``): no script, event handler, javascript:,
vbscript: or data: URL, frame, object, base, meta refresh or foreign form may appear. Mails
stay plain text, PDFs hold no JavaScript, launch or foreign actions, and the open data is
served as JSON.

Each test takes one field (or a few written together) through all payloads at once, so
that every page is read once per test and the module stays fast: one object per payload
where the field allows several (answers, sections, quotes, background notes, consultations,
GCM Talks), or several payloads to a value (a plain field is escaped as a whole; rich text
gets one witness word per payload). The sanitiser itself takes the payloads one by one.
"""

import datetime
import json
from urllib.parse import urlencode

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from gcm_review.templatetags.portal import rich_text
from gcm_review.text import html_sanitise, text_to_html
from registration.models import (
    Call,
    ExpressionOfInterest,
    FocalPoint,
    LogisticsNote,
    MemberState,
    Registration,
    StakeholderCategory,
)
from reports.models import Quote, Report, ReportVersion, Section
from sessions_app.models import Document, Session
from submissions.models import (
    Consultation,
    DiscussionPost,
    DiscussionThread,
    GCMTalk,
    RapporteurSummary,
    Submission,
)
from tests.conftest import make_user
from tests.hostile._admin_forms import admin_form
from tests.hostile._payload_lines import parametrized, payloads
from tests.hostile._pdf_helpers import pdf_parts, pdf_problems, pdf_text
from tests.hostile._xss_helpers import mail_problems, page_problems, shown_text, squeeze
from tests.registration.speakers import calls_open, cv_file, thematic
from tests.submissions.conftest import deadline_open, input_make

XSS = payloads("xss.txt")
TEXTS = [case.payload for case in XSS]
# The one http(s) link among the payloads: sanitising keeps it (without its handler).
KEPT_LINK = "https://example.org/ok"


class Findings(list):
    """Everything that is not inert, as lines naming the page (or mail) and the problem."""

    def page(self, label: str, response, *, shows=(), status: int = 200) -> str:
        if response.status_code != status:
            self.append(f"{label}: HTTP {response.status_code}")
            return ""
        content = response.content.decode()
        self.extend(f"{label}: {problem}" for problem in page_problems(content))
        seen = shown_text(content)
        for text in shows:
            if squeeze(text) not in seen:
                self.append(f"{label}: does not show {text[:60]!r} as text")
            if "<" in text and text in content:
                self.append(f"{label}: writes {text[:60]!r} unescaped")
        return content

    def mails(self, label: str, messages, *, shows=()) -> None:
        self.extend(f"{label}: {problem}" for problem in mail_problems(messages))
        bodies = "\n".join(message.body for message in messages)
        for text in shows:
            if text.strip() not in bodies:
                self.append(f"{label}: no mail shows {text[:60]!r} as written")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def witness(field: str, number: int) -> str:
    """A word that shows where the rich text of payload ``number`` landed."""
    return f"xsswitness {field}{number:02d}"


def rich(field: str, number: int, payload: str) -> str:
    return f"<p>{witness(field, number)}</p>{payload}"


def stakeholder_make(email: str, **fields):
    return make_user(
        email,
        full_name=fields.pop("full_name", "A Stakeholder"),
        organisation=fields.pop("organisation", "An organisation"),
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
        **fields,
    )


def states(count: int) -> list[MemberState]:
    return list(MemberState.objects.order_by("iso_alpha3")[:count])


def future_local(days: int) -> str:
    """A moment ``days`` from now, as a datetime-local field takes it."""
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M")


class Group:
    """Several payloads joined into one value of a plain field (``text``), and the payloads
    (``members``) that must each show as written."""

    def __init__(self, members: list[str], separator: str):
        self.members, self.text = members, separator.join(members)


def groups(limit: int, separator: str = "\n") -> list[Group]:
    """The payloads joined into as few values as fit ``limit`` characters each: a plain field
    is escaped as a whole, so payloads need not stand alone in it."""
    found, members = [], []
    for text in TEXTS:
        if members and len(separator.join([*members, text])) > limit:
            found.append(Group(members, separator))
            members = []
        members.append(text)
    return [*found, Group(members, separator)]


def rich_groups(field: str, size: int = 8) -> list[tuple[list[int], str]]:
    """Rich texts holding ``size`` payloads, each after its witness, as (numbers, text).

    A payload left open (an unclosed script, comment or attribute) may swallow the witnesses
    after it, so only the first witness of each text must show; the payloads one by one are
    the business of test_rich_text_keeps_nothing_that_runs."""
    found = []
    for start in range(0, len(TEXTS), size):
        numbers = list(range(start, min(start + size, len(TEXTS))))
        found.append((numbers, "".join(rich(field, n, TEXTS[n]) for n in numbers)))
    return found


def pairs() -> list[tuple[str, str]]:
    """The payloads two by two (the last with itself), for people with two plain fields."""
    return [(TEXTS[i], TEXTS[min(i + 1, len(TEXTS) - 1)]) for i in range(0, len(TEXTS), 2)]


# The sanitiser, payload by payload -----------------------------------------------------------


@parametrized("xss.txt")
def test_rich_text_keeps_nothing_that_runs(case):
    sanitised = html_sanitise(case.payload)
    outputs = {
        "html_sanitise": sanitised,
        "text_to_html": text_to_html(case.payload),
        "rich_text": str(rich_text(case.payload)),
    }
    assert {name: page_problems(html) for name, html in outputs.items()} == dict.fromkeys(
        outputs, []
    )
    # Stable: what the sanitiser lets through comes back unchanged (no mutation on re-reading).
    assert html_sanitise(sanitised) == sanitised


# Written inputs ------------------------------------------------------------------------------


def answers_published(meeting, staff, texts: list[str], field: str) -> list[Submission]:
    """Written inputs drafted through the focal points' form, five payloads per input (one per
    answer: payload ``n`` in answer ``"abcde"[n % 5]`` of input ``n // 5``), submitted, and
    published by staff."""
    deadline_open(meeting)
    published = []
    starts = range(0, len(texts), 5)
    for state, start in zip(states(len(starts)), starts, strict=True):
        author = make_user(f"writer.{state.iso_alpha3.lower()}@example.org", delegation=state)
        FocalPoint.objects.create(user=author, member_state=state, status="verified")
        client = signed_in(author)
        data = {"version": 1, "language": "en"}
        for offset, letter in enumerate("abcde"):
            number = start + offset
            payload = texts[number] if number < len(texts) else "No payload here."
            data[f"answer_{letter}"] = rich(field, number, payload)
        assert client.post("/my/submission/", data).status_code == 302
        submission = Submission.objects.get(meeting=meeting, member_state=state)
        response = client.post("/my/submission/submit/", {"version": submission.version})
        assert response.status_code == 302
        signed_in(staff).post(f"/staff/submissions/{submission.pk}/publish/")
        submission.refresh_from_db()
        assert submission.status == Submission.Status.PUBLISHED
        published.append(submission)
    return published


def test_answers_are_inert_on_public_staff_and_drafting_pages(
    meeting, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submissions = answers_published(meeting, staff_user, TEXTS, "answer")
    found = Findings()
    anonymous, staff = Client(), signed_in(staff_user)
    for index, submission in enumerate(submissions):
        shows = [witness("answer", n) for n in range(5 * index, 5 * index + 5)]
        name = submission.member_state.iso_alpha3
        found.page(f"public {name}", anonymous.get(f"/submissions/{submission.pk}/"), shows=shows)
        found.page(f"staff {name}", staff.get(f"/staff/submissions/{submission.pk}/"), shows=shows)
        found.page(
            f"revision {name}",
            staff.get(f"/staff/submissions/{submission.pk}/revisions/1/"),
            shows=shows,
        )
        writer = submission.member_state.focal_points.get().user
        found.page(f"drafting {name}", signed_in(writer).get("/my/submission/"), shows=shows)
    found.page("list", anonymous.get("/submissions/"))
    found.page("search", anonymous.get("/submissions/?q=xsswitness"))
    found.page("inputs", staff.get("/staff/inputs/?kind=written_input"))
    staff.get("/staff/report/")
    section = Section.objects.filter(compiled="").first()
    found.page("quote candidates", staff.get(f"/staff/report/sections/{section.pk}/?q=xsswitness"))
    found.mails("publication mails", mail.outbox)
    assert found == []

    data = anonymous.get("/submissions.json")
    assert (data["Content-Type"], data["X-Content-Type-Options"]) == ("application/json", "nosniff")
    answers = json.loads(data.content)["answers"]
    assert len(answers) == 5 * len(submissions)


def test_the_written_input_pdf_holds_no_active_content(client, meeting, staff_user):
    answers = dict.fromkeys("abcde", "")
    for number, payload in enumerate(TEXTS):
        letter = "abcde"[number % 5]
        answers[letter] += rich("pdf", number, payload)
    answers = {
        letter: f"<p>Start of answer {letter}.</p>{text}" for letter, text in answers.items()
    }
    submission = input_make(deadline_open(meeting), "ARM", staff=staff_user, answers=answers)

    response = client.get(f"/submissions/{submission.pk}/pdf/")

    assert response["Content-Type"] == "application/pdf"
    assert pdf_problems(response.content) == []
    assert set(pdf_parts(response.content)["uris"]) == {KEPT_LINK}
    text = "".join(pdf_text(response.content).split())
    assert [f"Startofanswer{letter}." in text for letter in "abcde"] == [True] * 5


# The Rapporteur's summary --------------------------------------------------------------------


def rapporteur_confirmed(meeting, staff):
    """A stakeholder who applied as Rapporteur, was selected and confirmed."""
    from tests.registration.speakers import apply, confirmed

    calls = calls_open(meeting)
    user = stakeholder_make("rita@example.org", full_name="Rita Rapporteur")
    confirmed(apply(calls, user, Call.Role.RAPPORTEUR), staff, user)
    return user


def test_rapporteur_summary_and_staff_comment_are_inert_where_shown(meeting, staff_user):
    rapporteur, staff, anonymous = (
        signed_in(rapporteur_confirmed(meeting, staff_user)),
        signed_in(staff_user),
        Client(),
    )
    comments = groups(2000)
    found = Findings()
    for round_, (numbers, body) in enumerate(rich_groups("summary")):
        version = RapporteurSummary.objects.get_or_create(meeting=meeting)[0].version
        saved = rapporteur.post(
            "/staff/rapporteur-summary/", {"version": version, "language": "en", "body": body}
        )
        version = RapporteurSummary.objects.get(meeting=meeting).version
        rapporteur.post("/staff/rapporteur-summary/submit/", {"version": version})
        shows = [witness("summary", numbers[0])]
        found.page(f"submitted {round_}", rapporteur.get("/staff/rapporteur-summary/"), shows=shows)
        staff.post("/staff/rapporteur-summary/publish/")
        assert (saved.status_code, RapporteurSummary.objects.get().status) == (302, "published")
        found.page(f"consultations {round_}", anonymous.get("/consultations/"), shows=shows)
        comment = comments[round_] if round_ < len(comments) else Group(["Shorter."], "")
        staff.post("/staff/rapporteur-summary/return/", {"comment": comment.text})
        found.page(
            f"returned {round_}",
            rapporteur.get("/staff/rapporteur-summary/"),
            shows=comment.members,
        )
    assert found == []


# The summary report --------------------------------------------------------------------------


def report_with_payloads(meeting, staff_user, capture):
    """The report with one narrative section per payload (its title the payload, its text the
    payload after a witness) and two quotes each (the payload as the quoted text and source,
    and as the link), session records, and the compendium of an input whose answers hold the
    payloads; compiled, circulated and published through the staff pages."""
    staff = signed_in(staff_user)
    staff.get("/staff/report/")
    sections = []
    for number, payload in enumerate(TEXTS):
        added = staff.post("/staff/report/sections/add/", {"title": payload})
        section = Section.objects.get(pk=int(added["Location"].rstrip("/").rsplit("/", 1)[1]))
        staff.post(
            f"/staff/report/sections/{section.pk}/",
            {"title": payload, "body": rich("section", number, payload)},
        )
        quotes = f"/staff/report/sections/{section.pk}/quotes/"
        staff.post(quotes, {"text": payload, "source": payload, "source_url": KEPT_LINK})
        staff.post(
            quotes, {"text": f"Quoted {number}", "source": "A source", "source_url": payload}
        )
        sections.append(section)
    session = thematic(meeting, 1)
    for group in groups(4000):
        staff.post(
            f"/staff/session-records/{session.slug}/",
            {
                "kind": "key_point",
                "text": group.text,
                "objectives": [str(session.objectives.first().pk)],
                "raised_by_state": str(MemberState.objects.get(iso_alpha3="ARM").pk),
            },
        )
    answers = dict.fromkeys("abcde", "")
    for number, payload in enumerate(TEXTS):
        answers["abcde"[number % 5]] += rich("compendium", number, payload)
    with capture(execute=True):
        input_make(deadline_open(meeting), "PRT", staff=staff_user, answers=answers)
    with capture(execute=True):
        staff.post("/staff/report/compile/", {"compendium": "on"})
    version = ReportVersion.objects.get()
    mail.outbox.clear()
    with capture(execute=True):
        staff.post(
            f"/staff/report/versions/{version.pk}/circulate/",
            {"comments_close_at": future_local(7)},
        )
    return sections, version


def test_report_texts_are_inert_on_report_pages_and_in_the_pdf(
    meeting, staff_user, focal_point_a, django_capture_on_commit_callbacks
):
    sections, version = report_with_payloads(
        meeting, staff_user, django_capture_on_commit_callbacks
    )
    staff, focal, anonymous = signed_in(staff_user), signed_in(focal_point_a), Client()
    found = Findings()
    for number, (section, payload) in enumerate(zip(sections, TEXTS, strict=True)):
        found.page(
            f"section {number}",
            staff.get(f"/staff/report/sections/{section.pk}/"),
            shows=[payload],
        )
        focal.post("/my/report/", {"section": str(section.pk), "passage": payload, "body": payload})
    found.page("overview", staff.get("/staff/report/"), shows=TEXTS)
    found.page("comments", staff.get("/staff/report/comments/"), shows=TEXTS)
    witnesses = [witness("section", n) for n in range(len(TEXTS))]
    found.page("my report", focal.get("/my/report/"), shows=[*TEXTS, *witnesses])
    found.mails("circulation mails", mail.outbox)
    confirmed = {"confirm_empty": "1"}
    staff.post(
        "/staff/report/status/", {"status": "final", "version": str(version.pk), **confirmed}
    )
    staff.post("/staff/report/status/", {"status": "published", **confirmed})
    assert Report.objects.get().status == Report.Status.PUBLISHED
    found.page("public report", anonymous.get("/report/"), shows=[*TEXTS, *witnesses])
    assert found == []

    with version.pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf_problems(pdf) == []
    published = Submission.objects.filter(status=Submission.Status.PUBLISHED)
    annex = {f"{settings.SITE_URL}/submissions/{s.pk}/" for s in published}
    assert set(pdf_parts(pdf)["uris"]) == {KEPT_LINK} | annex
    # Compared without spaces: where a line breaks depends on the fonts.
    text = "".join(pdf_text(pdf).split())
    assert "root:x:0:0" not in text
    assert [w for w in witnesses if "".join(w.split()) not in text] == []


def test_a_quote_links_only_to_a_web_address(meeting, staff_user):
    staff = signed_in(staff_user)
    staff.get("/staff/report/")
    section = Section.objects.filter(compiled="").first()
    quotes = f"/staff/report/sections/{section.pk}/quotes/"
    for url in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", KEPT_LINK):
        staff.post(quotes, {"text": "Quoted", "source": "A source", "source_url": url})
    assert list(Quote.objects.values_list("source_url", flat=True)) == [KEPT_LINK]


def test_a_quote_link_saved_before_links_were_checked_is_not_a_link(meeting, staff_user):
    """A version compiled from such a quote (its snapshot is kept as it was) shows the source
    without the link, on the public page and in the print HTML."""
    from django.core.files.base import ContentFile

    from reports import circulation as report_circulation
    from reports import services as report_services

    report = report_services.report_get_or_create(meeting=meeting)
    section = report.sections.filter(compiled="").first()
    Quote.objects.create(
        section=section, text="Quoted", source="Old source", source_url="javascript:alert(1)"
    )
    data, html = report_services.report_document(report=report, with_compendium=False, number=1)
    version = ReportVersion(
        report=report, number=1, html=html, data=data, page_count=1, seconds=0.0
    )
    version.pdf.save("v1.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    version.save()
    report_circulation.report_status_set(
        report=report, status="final", version=version, confirm_empty=True
    )
    report_circulation.report_status_set(report=report, status="published", confirm_empty=True)

    found = Findings()
    found.page("public report", Client().get("/report/"), shows=["Quoted", "Old source"])
    assert found == []
    assert (page_problems(html), "Old source" in html) == ([], True)


# Background notes, consultations, GCM Talks, the Logistics Note, sessions -------------------


def test_background_notes_are_inert_on_the_session_and_documents_pages(meeting, staff_user):
    staff, anonymous = signed_in(staff_user), Client()
    session = thematic(meeting, 1)
    add = "/admin/sessions_app/document/add/"
    form = admin_form(staff, add)
    for number, payload in enumerate(TEXTS):
        data = dict(
            form,
            meeting=str(meeting.pk),
            kind="background_note",
            session=str(session.pk),
            title=payload,
            body=rich("note", number, payload),
        )
        assert staff.post(add, data).status_code == 302, payload
    assert Document.objects.filter(kind="background_note").count() == len(TEXTS)
    witnesses = [witness("note", n) for n in range(len(TEXTS))]
    found = Findings()
    found.page("session", anonymous.get(f"/programme/{session.slug}/"), shows=TEXTS + witnesses)
    found.page("session (fr)", anonymous.get(f"/fr/programme/{session.slug}/"), shows=witnesses)
    found.page("documents", anonymous.get("/documents/"), shows=TEXTS)
    assert found == []


def test_consultations_are_inert_on_their_pages_and_in_the_confirmation_mail(
    meeting, staff_user, django_capture_on_commit_callbacks
):
    staff, anonymous = signed_in(staff_user), Client()
    person = stakeholder_make("sam@example.org")
    stakeholder = signed_in(person)
    starts = timezone.localtime() + datetime.timedelta(days=10)
    add = "/admin/submissions/consultation/add/"
    form = admin_form(staff, add)
    for number, payload in enumerate(TEXTS):
        begin = starts + datetime.timedelta(hours=number)
        end = begin + datetime.timedelta(minutes=50)
        data = dict(
            form,
            meeting=str(meeting.pk),
            number=str(number + 1),
            title=payload,
            starts_at_0=begin.strftime("%Y-%m-%d"),
            starts_at_1=begin.strftime("%H:%M"),
            ends_at_0=end.strftime("%Y-%m-%d"),
            ends_at_1=end.strftime("%H:%M"),
            format="online",
            location=payload,
            joining_details=payload,
            agenda=rich("agenda", number, payload),
        )
        assert staff.post(add, data).status_code == 302, payload
    with django_capture_on_commit_callbacks(execute=True):
        for consultation in Consultation.objects.all():
            stakeholder.post(f"/consultations/{consultation.pk}/register/")
    assert len(mail.outbox) == len(TEXTS)
    witnesses = [witness("agenda", n) for n in range(len(TEXTS))]
    found = Findings()
    found.page("public", anonymous.get("/consultations/"), shows=TEXTS + witnesses)
    found.page("registered", stakeholder.get("/consultations/"), shows=TEXTS + witnesses)
    found.page("staff", staff.get("/staff/consultations/"), shows=TEXTS)
    found.page("admin", staff.get("/admin/submissions/consultation/"))
    found.mails("confirmations", mail.outbox, shows=TEXTS)
    assert found == []


def test_gcm_talks_are_inert_on_the_talks_and_inputs_pages(meeting, staff_user):
    staff, anonymous = signed_in(staff_user), Client()
    add = "/admin/submissions/gcmtalk/add/"
    form = admin_form(staff, add)
    for number, payload in enumerate(TEXTS):
        data = dict(
            form,
            meeting=str(meeting.pk),
            title=payload,
            held_on="2024-01-15",
            format="online",
            organiser=payload,
            summary=rich("talk", number, payload),
            link=f"https://example.org/talk/{number}",
        )
        assert staff.post(add, data).status_code == 302, payload
    assert GCMTalk.objects.count() == len(TEXTS)
    witnesses = [witness("talk", n) for n in range(len(TEXTS))]
    found = Findings()
    found.page("talks", anonymous.get("/gcm-talks/"), shows=TEXTS + witnesses)
    found.page("inputs", staff.get("/staff/inputs/?kind=gcm_talk"), shows=TEXTS + witnesses)
    found.page("admin", staff.get("/admin/submissions/gcmtalk/"))
    assert found == []


def test_document_and_talk_links_must_be_web_addresses(meeting, staff_user):
    staff = signed_in(staff_user)
    forms = {
        "/admin/sessions_app/document/add/": {"kind": "meeting", "title": "A document"},
        "/admin/submissions/gcmtalk/add/": {
            "title": "A talk",
            "held_on": "2024-01-15",
            "format": "online",
            "summary": "<p>Outcome.</p>",
        },
    }
    answers = {}
    for path, fields in forms.items():
        form = {**admin_form(staff, path), **fields, "meeting": str(meeting.pk)}
        link = "url" if "document" in path else "link"
        for url in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x"):
            answers[(path, url)] = staff.post(path, {**form, link: url}).status_code
    assert answers == dict.fromkeys(answers, 200)
    assert (Document.objects.filter(title="A document").count(), GCMTalk.objects.count()) == (0, 0)


def registrant(meeting, email: str, **profile):
    """A stakeholder who registered for the meeting through the registration form."""
    person = stakeholder_make(email)
    client = signed_in(person)
    data = {
        "profile-full_name": profile.get("full_name", "A Participant"),
        "profile-title": profile.get("title", ""),
        "profile-organisation": profile.get("organisation", "An organisation"),
        "profile-stakeholder_category": str(StakeholderCategory.objects.first().pk),
        "profile-gender": "woman",
        "profile-accessibility_needs": profile.get("accessibility_needs", ""),
        "profile-preferred_language": "en",
        "registration-parts": "both",
        "registration-attendance": "in_person",
        "registration-consent_privacy": "on",
        "registration-consent_public_list": "on",
    }
    response = client.post("/register/", data)
    assert response.status_code == 302, profile
    return person, client, Registration.objects.get(user=person)


def test_logistics_note_is_inert_on_its_page_and_in_the_approval_mail(
    registration_open, staff_user, django_capture_on_commit_callbacks
):
    meeting, staff = registration_open, signed_in(staff_user)
    note = LogisticsNote.objects.get(meeting=meeting)
    change = f"/admin/registration/logisticsnote/{note.pk}/change/"
    form = admin_form(staff, change)
    found = Findings()
    for round_, (numbers, body) in enumerate(rich_groups("logistics")):
        assert staff.post(change, {**form, "body": body}).status_code == 302
        _person, client, registration = registrant(meeting, f"p{round_}@example.org")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            staff.post(
                "/staff/registrations/",
                {"action": "approve", "registrations": [str(registration.pk)], "message": ""},
            )
        shows = [witness("logistics", numbers[0])]
        found.page(f"note {round_}", client.get("/my/logistics/"), shows=shows)
        found.mails(f"approval {round_}", mail.outbox, shows=shows)
    assert found == []


def test_session_titles_and_summaries_from_the_admin_are_text(meeting, staff_user):
    staff, anonymous = signed_in(staff_user), Client()
    session = thematic(meeting, 2)
    change = f"/admin/sessions_app/session/{session.pk}/change/"
    form = admin_form(staff, change)
    found = Findings()
    summaries = groups(4000)
    for round_, title in enumerate(groups(200, " ")):
        summary = summaries[round_] if round_ < len(summaries) else title
        response = staff.post(change, {**form, "title": title.text, "summary": summary.text})
        assert response.status_code == 302, title.text
        found.page(
            f"session {round_}",
            anonymous.get(f"/programme/{session.slug}/"),
            shows=[title.text, *summary.members],
        )
        found.page(f"programme {round_}", anonymous.get("/programme/"), shows=[title.text])
    assert found == []


# People: profiles, registrations, expressions of interest ------------------------------------


def test_profile_fields_are_text_on_every_page_and_in_mails(
    registration_open, staff_user, data_manager, django_capture_on_commit_callbacks
):
    meeting, staff = registration_open, signed_in(staff_user)
    people = []
    with django_capture_on_commit_callbacks(execute=True):
        for number, (name, organisation) in enumerate(pairs()):
            person = registrant(
                meeting,
                f"p{number}@example.org",
                full_name=name,
                title=organisation,
                organisation=organisation,
                accessibility_needs=f"{name}\n{organisation}",
            )
            people.append((*person, name, organisation))
        staff.post(
            "/staff/registrations/",
            {"action": "approve", "registrations": [str(p[2].pk) for p in people]},
        )
    found = Findings()
    found.page("participants", Client().get("/participants/"), shows=TEXTS)
    found.page("registrations", staff.get("/staff/registrations/"), shows=TEXTS)
    found.page("admin users", staff.get("/admin/registration/user/"), shows=TEXTS)
    found.page("admin mails", signed_in(data_manager).get("/admin/gcm_review/outgoingemail/"))
    for person, client, _registration, name, organisation in people:
        found.page(f"my page {person.email}", client.get("/my/"))
        found.page(
            f"profile {person.email}", client.get("/my/profile/"), shows=[name, organisation]
        )
        mine = [m for m in mail.outbox if m.to == [person.email]]
        found.mails(f"mails to {person.email}", mine, shows=[name])
    assert found == []


def test_decision_messages_are_text_on_my_page_and_in_the_mail(
    registration_open, staff_user, django_capture_on_commit_callbacks
):
    meeting, staff = registration_open, signed_in(staff_user)
    found = Findings()
    for round_, message in enumerate(groups(2000)):
        for action in ("approve", "reject"):
            _person, client, registration = registrant(meeting, f"{action}{round_}@example.org")
            mail.outbox.clear()
            with django_capture_on_commit_callbacks(execute=True):
                staff.post(
                    "/staff/registrations/",
                    {
                        "action": action,
                        "registrations": [str(registration.pk)],
                        "message": message.text,
                    },
                )
            found.mails(f"{action} {round_}", mail.outbox, shows=message.members)
        # The page shows the message of a rejection.
        found.page(f"my page {round_}", client.get("/my/"), shows=message.members)
    assert found == []


def test_expressions_of_interest_are_text_on_apply_selection_and_programme_pages(
    meeting, staff_user, django_capture_on_commit_callbacks
):
    calls = calls_open(meeting)
    staff = signed_in(staff_user)
    sessions = list(meeting.sessions.filter(kind=Session.Kind.THEMATIC).order_by("number"))
    applicants = []
    with django_capture_on_commit_callbacks(execute=True):
        for number, (state, (one, other)) in enumerate(zip(states(99), pairs(), strict=False)):
            session = str(sessions[number % 4].pk)
            focal = make_user(f"focal{number}@example.org", delegation=state)
            FocalPoint.objects.create(user=focal, member_state=state, status="verified")
            offer = {
                "session": session,
                "speaker_name": one,
                "speaker_title": other,
                "gender": "woman",
                "summary": f"{one}\n{other}",
            }
            person = stakeholder_make(f"s{number}@example.org", full_name=one, organisation=other)
            stakeholder = signed_in(person)
            moderator = {"session": session, "motivation": one, "expertise": other}
            rapporteur = {"motivation": other, "experience": one}
            for client, role, data in (
                (signed_in(focal), "keynote", offer),
                (stakeholder, "moderator", {**moderator, "cv": cv_file()}),
                (stakeholder, "rapporteur", {**rapporteur, "cv": cv_file()}),
            ):
                response = client.post(f"/apply/{role}/", data)
                assert response.status_code == 302, (role, one)
                applicants.append((f"{role} {number}", client, [one]))
    expressions = ExpressionOfInterest.objects.order_by("pk")
    for group, expression in zip(groups(4000), expressions, strict=False):
        staff.post(f"/staff/selection/{expression.pk}/note/", {"note": group.text})
    found = Findings()
    found.mails("receipts", mail.outbox, shows=[one for one, _other in pairs()])
    found.page("selection", staff.get("/staff/selection/"), shows=TEXTS)
    for label, client, shows in applicants:
        found.page(f"apply {label}", client.get("/apply/"), shows=shows)
    # Selected and confirmed, some appear on the programme: one keynote speaker and one
    # moderator per thematic session, and the Rapporteur.
    mail.outbox.clear()
    chosen = [
        *(expressions.filter(call=calls[Call.Role.KEYNOTE], session=s).first() for s in sessions),
        *(expressions.filter(call=calls[Call.Role.MODERATOR], session=s).first() for s in sessions),
        expressions.filter(call=calls[Call.Role.RAPPORTEUR]).first(),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for expression in chosen:
            staff.post(f"/staff/selection/{expression.pk}/", {"action": "select"})
        for call in calls.values():
            for session in sessions if call.per_session else [None]:
                data = {"session": str(session.pk)} if session else {}
                staff.post(f"/staff/selection/calls/{call.pk}/notify/", data)
        for expression in chosen:
            owner = expression.user or expression.member_state.focal_points.get().user
            signed_in(owner).post(
                f"/my/applications/{expression.pk}/answer/", {"answer": "confirm"}
            )
    confirmed = ExpressionOfInterest.objects.filter(confirmation="confirmed")
    assert sorted(confirmed.values_list("pk", flat=True)) == sorted(e.pk for e in chosen)
    names = [e.speaker_name for e in chosen]
    found.mails("outcomes", mail.outbox, shows=names)
    # Staff release the programme: the confirmed speakers join the public programme.
    assert staff.post("/staff/programme/", {"confirm_version": "2"}).status_code == 302
    found.page("programme", Client().get("/programme/"), shows=names)
    for session in sessions:
        on_page = [e.speaker_name for e in chosen if e.session_id == session.pk]
        found.page(
            f"session {session.number}", Client().get(session.get_absolute_url()), shows=on_page
        )
    found.page("audit log", staff.get("/staff/audit/"))
    assert found == []


# Stakeholder voices: posts, flags, rejections, key messages, session records -----------------


def threads_open(meeting):
    now = timezone.now()
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )


def test_posts_flags_and_rejection_reasons_are_text_on_every_page_and_in_mails(
    meeting, staff_user, django_capture_on_commit_callbacks
):
    threads_open(meeting)
    staff = signed_in(staff_user)
    reader = signed_in(stakeholder_make("reader@example.org"))
    posts = groups(600)
    reasons = groups(2000)
    authors = []
    for number, group in enumerate(posts):
        author = stakeholder_make(f"author{number}@example.org", full_name=group.members[0])
        client = signed_in(author)
        response = client.post("/discussion/session-1/", {"text": group.text, "language": "en"})
        assert response.status_code == 302, group.text
        authors.append((author, client, group))
    # Posts in even places are published and flagged, the others rejected, with the payloads
    # as the flag's reason and the rejection's.
    flag_reasons, rejection_reasons = [], []
    with django_capture_on_commit_callbacks(execute=True):
        for number, post in enumerate(DiscussionPost.objects.order_by("pk")):
            reason = reasons[number % len(reasons)]
            if number % 2:
                reject = {f"post-{post.pk}-reason": reason.text}
                staff.post(f"/staff/moderation/{post.pk}/reject/", reject)
                rejection_reasons += reason.members
            else:
                staff.post(f"/staff/moderation/{post.pk}/approve/")
                reader.post(f"/discussion/posts/{post.pk}/flag/", {"reason": reason.text})
                flag_reasons += reason.members
    published = [m for g in posts[::2] for m in g.members]
    rejected = [m for g in posts[1::2] for m in g.members]
    assert DiscussionPost.objects.filter(status="rejected").count() == len(posts[1::2])
    found = Findings()
    found.page("thread", Client().get("/discussion/session-1/"), shows=published)
    found.page("thread (reader)", reader.get("/discussion/session-1/"), shows=published)
    moderation = staff.get("/staff/moderation/")
    found.page("moderation", moderation, shows=[*published, *flag_reasons])
    found.page("inputs", staff.get("/staff/inputs/?kind=discussion"), shows=published)
    for author, client, group in authors:
        thread = client.get("/discussion/session-1/")
        found.page(f"own thread {author.email}", thread, shows=group.members)
        # A rejected post shows its reason to its author.
        found.page(f"my posts {author.email}", client.get("/discussion/mine/"), shows=group.members)
    found.mails("rejections", mail.outbox, shows=[*rejected, *rejection_reasons])
    assert found == []


def test_key_messages_and_session_records_are_text_on_staff_pages(meeting, staff_user):
    staff = signed_in(staff_user)
    started = timezone.now() - datetime.timedelta(days=3)
    consultation = Consultation.objects.create(
        meeting=meeting,
        number=1,
        title="First Multi-stakeholder Consultation",
        starts_at=started,
        ends_at=started + datetime.timedelta(hours=2),
        format=Consultation.Format.ONLINE,
    )
    session = thematic(meeting, 3)
    objective = str(session.objectives.first().pk)
    category = str(StakeholderCategory.objects.first().pk)
    for group in groups(500):
        response = staff.post(
            f"/staff/consultations/{consultation.pk}/",
            {
                "kind": "key_message",
                "text": group.text,
                "session": str(session.pk),
                "objectives": [objective],
            },
        )
        assert response.status_code == 302, group.text
        response = staff.post(
            f"/staff/session-records/{session.slug}/",
            {
                "kind": "recommendation",
                "text": group.text,
                "objectives": [objective],
                "raised_by_category": category,
            },
        )
        assert response.status_code == 302, group.text
    found = Findings()
    found.page("consultation", staff.get(f"/staff/consultations/{consultation.pk}/"), shows=TEXTS)
    found.page("session", staff.get(f"/staff/session-records/{session.slug}/"), shows=TEXTS)
    found.page("inputs", staff.get("/staff/inputs/"), shows=TEXTS)
    found.page("admin key messages", staff.get("/admin/submissions/keymessage/"))
    found.page("admin records", staff.get("/admin/submissions/sessionpoint/"))
    assert found == []


def test_a_returned_input_shows_the_staff_comment_as_text_and_mails_it(
    meeting, staff_user, django_capture_on_commit_callbacks
):
    submission = input_make(
        deadline_open(meeting), "ARM", staff=staff_user, status=Submission.Status.SUBMITTED
    )
    writer = submission.member_state.focal_points.get().user
    staff, focal = signed_in(staff_user), signed_in(writer)
    found = Findings()
    for round_, comment in enumerate(groups(4000)):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            staff.post(f"/staff/submissions/{submission.pk}/return/", {"comment": comment.text})
        found.page(f"drafting {round_}", focal.get("/my/submission/"), shows=comment.members)
        staff_page = staff.get(f"/staff/submissions/{submission.pk}/")
        found.page(f"staff {round_}", staff_page, shows=comment.members)
        found.mails(f"return {round_}", mail.outbox, shows=comment.members)
        submission.refresh_from_db()
        focal.post("/my/submission/submit/", {"version": submission.version})
        submission.refresh_from_db()
        assert submission.status == Submission.Status.SUBMITTED
    assert found == []


# Query parameters shown back -----------------------------------------------------------------


def test_query_parameters_are_shown_back_as_text(meeting, staff_user):
    staff, anonymous = signed_in(staff_user), Client()
    staff.get("/staff/report/")
    section = Section.objects.filter(compiled="").first()
    found = Findings()
    for round_, group in enumerate(groups(200, " ")):
        query = urlencode({"q": group.text})
        found.page(f"search {round_}", anonymous.get(f"/submissions/?{query}"), shows=[group.text])
        found.page(
            f"quote search {round_}",
            staff.get(f"/staff/report/sections/{section.pk}/?{query}"),
            shows=[group.text],
        )
        found.page(f"audit {round_}", staff.get(f"/staff/audit/?{query}"), shows=[group.text])
        filters = urlencode({"status": group.text, "category": group.text, "page": group.text})
        found.page(f"registrations {round_}", staff.get(f"/staff/registrations/?{filters}"))
        kind = urlencode({"kind": group.text, "objective": group.text})
        found.page(f"inputs {round_}", staff.get(f"/staff/inputs/?{kind}"), status=400)
        error = staff.get(f"/staff/inputs.csv?{kind}")
        if (error.status_code, error["Content-Type"]) != (400, "text/plain; charset=utf-8"):
            found.append(f"inputs.csv {round_}: {error.status_code} {error['Content-Type']}")
    assert found == []


# prog13: programme versions -------------------------------------------------------------------


def test_release_notes_and_rooms_are_text_on_programme_pages_the_feed_and_mails(
    meeting, staff_user
):
    import feedparser

    from gcm_review.models import OutgoingEmail

    staff, anonymous = signed_in(staff_user), Client()
    Registration.objects.create(
        meeting=meeting,
        user=stakeholder_make("delegate@example.org"),
        parts="both",
        attendance="online",
        status=Registration.Status.APPROVED,
    )
    session = thematic(meeting, 2)
    change = f"/admin/sessions_app/session/{session.pk}/change/"
    form = admin_form(staff, change)
    found = Findings()
    notes = groups(2000)
    rooms = [room for room in groups(100, " ") if len(room.text) <= 100]  # the room's limit
    assert len(notes) <= len(rooms)
    for round_, room in enumerate(rooms):
        note = notes[round_] if round_ < len(notes) else room
        response = staff.post(change, {**form, "room": room.text})
        assert response.status_code == 302, room.text
        version = meeting.programme_releases.count() + 1
        OutgoingEmail.objects.all().delete()
        response = staff.post("/staff/programme/", {"note": note.text, "confirm_version": version})
        assert response.status_code == 302, note.text
        found.page(f"staff programme {round_}", staff.get("/staff/programme/"), shows=[room.text])
        found.page(f"programme {round_}", anonymous.get("/programme/"), shows=[room.text])
        found.page(f"session {round_}", anonymous.get(f"/programme/{session.slug}/"))
        found.page(
            f"changes {round_}",
            anonymous.get("/programme/changes/"),
            shows=[room.text, *note.members],
        )
        feed = anonymous.get("/programme/changes.atom")
        if feedparser.parse(feed.content).bozo:
            found.append(f"feed {round_}: not well-formed")
        sent = list(OutgoingEmail.objects.filter(to="delegate@example.org"))
        if len(sent) != 1:
            found.append(f"mail {round_}: {len(sent)} mails")
        found.mails(f"mail {round_}", sent, shows=[room.text, note.text])
    assert found == []
