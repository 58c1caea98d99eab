"""The selection of speakers: seats, balance, outcomes, answers and the programme."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from gcm_review.models import OutgoingEmail
from registration.models import ExpressionOfInterest, FocalPoint, MemberState, User
from registration.speakers import board as speakers_board
from registration.speakers import selection
from registration.speakers import services as speakers_services
from sessions_app.versions.services import programme_release
from tests.html import text, texts
from tests.registration.speakers import (
    apply,
    calls_open,
    confirmed,
    flashed,
    focal_point,
    offer,
    select_and_tell,
    stakeholder_of,
    thematic,
)


@pytest.fixture
def calls(meeting):
    return calls_open(meeting)


def tables_rows(content: bytes, css_class: str) -> list[list[list[str]]]:
    """The cells of each body row of every table with ``css_class``, table by table."""
    html = content.decode()
    tables, start = [], 0
    while (start := html.find(f'<table class="table {css_class}">', start)) != -1:
        body = html[html.index("<tbody>", start) : html.index("</tbody>", start)]
        tables.append(
            [
                [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
                for cells in (
                    re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
                    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
                )
            ]
        )
        start += 1
    return tables


def slot_candidates(content: bytes) -> dict[str, list[list[str]]]:
    """Each seat group's candidates (their details follow each in a row of one cell), by the
    group's anchor; a group without candidates has no table, only a line saying so."""
    found = {}
    for chunk in content.decode().split('<section id="')[1:]:
        anchor = chunk[: chunk.index('"')]
        if anchor.startswith("slot-"):
            tables = tables_rows(chunk[: chunk.index("</section>")].encode(), "candidates")
            found[anchor] = [row[:6] for row in tables[0] if len(row) == 7] if tables else []
    return found


def table_rows(content: bytes, css_class: str) -> list[list[str]]:
    """The cells of each body row of the first table with ``css_class``."""
    return tables_rows(content, css_class)[0]


def captions(content: bytes) -> list[str]:
    return texts(content, "caption")


def speakers_by_session(content: bytes) -> dict[str, list[str]]:
    """The programme page read as {session title: its speaker lines}."""
    html = content.decode()
    found = {}
    for item in html.split('<li class="programme-item')[1:]:
        title = text(item, "h2")
        listed = re.search(r'<ul class="speakers">(.*?)</ul>', item, re.S)
        found[title] = texts(listed.group(1), "li") if listed else []
    return found


def session_speakers(client, slug: str) -> list[str]:
    content = client.get(f"/programme/{slug}/").content.decode()
    listed = re.search(r'<ul class="speakers">(.*?)</ul>', content, re.S)
    return texts(listed.group(1), "li") if listed else []


# Seats ------------------------------------------------------------------------------------


def test_two_co_chairs_at_most_and_a_third_is_refused_with_a_clear_message(
    client_of, calls, staff_user
):
    offers = [
        offer(calls, focal_point(iso3), "co_chair", name=f"H.E. {iso3}")
        for iso3 in ("ARM", "KAZ", "SWE")
    ]
    client = client_of(staff_user)
    for expression in offers[:2]:
        response = client.post(f"/staff/selection/{expression.pk}/", {"action": "select"})
        assert flashed(response)[-1] == f"{expression.speaker_name} is selected."
    response = client.post(f"/staff/selection/{offers[2].pk}/", {"action": "select"})
    assert (response.status_code, response["Location"]) == (302, "/staff/selection/#slot-co-chair")
    assert flashed(response)[-1] == (
        "Two Co-Chairs are already selected: unselect one before selecting another."
    )
    assert list(ExpressionOfInterest.objects.order_by("pk").values_list("status", flat=True)) == [
        "selected",
        "selected",
        "submitted",
    ]


def test_one_keynote_speaker_and_one_moderator_per_thematic_session(calls, staff_user):
    meeting = calls["keynote"].meeting
    first = offer(calls, focal_point("ARM"), "keynote", session=thematic(meeting, 2))
    second = offer(calls, focal_point("PRT"), "keynote", session=thematic(meeting, 2))
    elsewhere = offer(calls, focal_point("KAZ"), "keynote", session=thematic(meeting, 3))
    selection.expression_select(expression=first, by=staff_user)
    with pytest.raises(ValidationError) as error:
        selection.expression_select(expression=second, by=staff_user)
    assert error.value.messages == [
        "Thematic session 2 already has a selected keynote speaker: unselect them before "
        "selecting another."
    ]
    selection.expression_select(expression=elsewhere, by=staff_user)

    moderators = [
        apply(
            calls,
            stakeholder_of(f"m{i}@example.org", iso3="ITA", category="academia"),
            "moderator",
            session=thematic(meeting, 4),
        )
        for i in range(2)
    ]
    selection.expression_select(expression=moderators[0], by=staff_user)
    with pytest.raises(ValidationError) as error:
        selection.expression_select(expression=moderators[1], by=staff_user)
    assert error.value.messages == [
        "Thematic session 4 already has a selected moderator: unselect them before selecting "
        "another."
    ]


def test_one_rapporteur_and_a_decline_reopens_the_seat(client_of, calls, staff_user):
    people = [
        stakeholder_of(f"r{i}@example.org", iso3="UKR", category="migrants", gender="man")
        for i in range(2)
    ]
    first, second = (apply(calls, person, "rapporteur") for person in people)
    select_and_tell(first, staff_user)
    with pytest.raises(ValidationError) as error:
        selection.expression_select(expression=second, by=staff_user)
    assert error.value.messages == [
        "A Rapporteur is already selected: unselect them before selecting another."
    ]
    response = client_of(people[0]).post(
        f"/my/applications/{first.pk}/answer/", {"answer": "decline"}
    )
    assert flashed(response) == [
        "You have declined. The Network will offer the seat to someone else."
    ]
    selection.expression_select(expression=second, by=staff_user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert [(first.status, first.confirmation), (second.status, second.confirmation)] == [
        ("selected", "declined"),
        ("selected", ""),
    ]


def test_a_selection_can_be_taken_back_only_before_the_outcome_is_sent(calls, staff_user):
    people = [stakeholder_of(f"r{i}@example.org", iso3="FRA", category="media") for i in range(2)]
    first, second = (apply(calls, person, "rapporteur") for person in people)
    selection.expression_select(expression=first, by=staff_user)
    selection.expression_unselect(expression=first, by=staff_user)
    select_and_tell(second, staff_user)
    with pytest.raises(ValidationError) as error:
        selection.expression_unselect(expression=second, by=staff_user)
    assert error.value.messages == [
        "The outcome has been sent to this person: they confirm or decline on their page, and a "
        "decline frees the seat."
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert [first.status, second.status] == ["not_selected", "selected"]


def test_a_withdrawn_expression_cannot_be_selected(calls, stakeholder, staff_user):
    expression = apply(calls, stakeholder, "rapporteur")
    speakers_services.expression_withdraw(expression=expression, user=stakeholder)
    with pytest.raises(ValidationError) as error:
        selection.expression_select(expression=expression, by=staff_user)
    assert error.value.messages == ["This expression of interest was withdrawn."]


# Balance ----------------------------------------------------------------------------------


@pytest.fixture
def fixed_selection(calls, staff_user):
    """Six speakers hold a seat; a declined one, a submitted one and a withdrawn one do not.

    Co-Chairs: Armenia (woman, Western Asia), Kazakhstan (man, Central Asia); keynote speaker
    of session 1: Portugal (woman, Southern Europe); moderator of session 1: a civil-society
    woman from Italy; moderator of session 2: an academic from the United States who gave no
    gender; Rapporteur: after a Ukrainian man of the migrants category declined, an academic
    woman from outside the region. Germany's keynote speaker for session 2 (a man) waits; a
    Swedish media moderator withdrew.
    """
    meeting = calls["keynote"].meeting
    select = selection.expression_select
    select(expression=offer(calls, focal_point("ARM"), "co_chair", gender="woman"), by=staff_user)
    select(expression=offer(calls, focal_point("KAZ"), "co_chair", gender="man"), by=staff_user)
    select(
        expression=offer(calls, focal_point("PRT"), "keynote", session=thematic(meeting, 1)),
        by=staff_user,
    )
    offer(calls, focal_point("DEU"), "keynote", session=thematic(meeting, 2), gender="man")
    italian = stakeholder_of("it@example.org", iso3="ITA", category="civil_society", gender="woman")
    select(
        expression=apply(calls, italian, "moderator", session=thematic(meeting, 1)), by=staff_user
    )
    american = stakeholder_of("us@example.org", iso3="USA", category="academia")
    select(
        expression=apply(calls, american, "moderator", session=thematic(meeting, 2)), by=staff_user
    )
    swede = stakeholder_of("se@example.org", iso3="SWE", category="media", gender="man")
    speakers_services.expression_withdraw(
        expression=apply(calls, swede, "moderator", session=thematic(meeting, 3)), user=swede
    )
    ukrainian = stakeholder_of("ua@example.org", iso3="UKR", category="migrants", gender="man")
    declined = select_and_tell(apply(calls, ukrainian, "rapporteur"), staff_user)
    speakers_services.expression_respond(expression=declined, user=ukrainian, accept=False)
    outsider = stakeholder_of("out@example.org", iso3=None, category="academia", gender="woman")
    select(expression=apply(calls, outsider, "rapporteur"), by=staff_user)
    return meeting


EXPECTED_GENDER = [
    ["Woman", "4"],
    ["Man", "1"],
    ["Another gender", "0"],
    ["Prefer not to say", "0"],
    ["Not given", "1"],
]
EXPECTED_SUBREGIONS = [
    ["Central Asia", "1"],
    ["Eastern Europe", "0"],
    ["Northern America", "1"],
    ["Northern Europe", "0"],
    ["Southern Europe", "2"],
    ["Western Asia", "1"],
    ["Western Europe", "0"],
    ["Outside the UNECE region or not given", "1"],
]
EXPECTED_CATEGORIES = [["Civil society", "1"], ["Academia", "2"], ["Member State speakers", "3"]]


def test_the_balance_of_a_fixed_selection_counts_right(fixed_selection):
    balance = speakers_board.selection_board(meeting=fixed_selection).balance
    rows = lambda found: [[row.label, str(row.count)] for row in found]  # noqa: E731
    assert balance.total == 6
    assert rows(balance.gender) == EXPECTED_GENDER
    assert rows(balance.subregions) == EXPECTED_SUBREGIONS
    assert (balance.subregions_covered, balance.subregions_total) == (4, 7)
    assert (
        rows(balance.categories) + [["Member State speakers", str(balance.member_state_speakers)]]
        == EXPECTED_CATEGORIES
    )
    assert balance.shared_gender == []


def test_the_board_shows_the_balance_as_tables_and_every_candidate(
    fixed_selection, client_of, staff_user
):
    response = client_of(staff_user).get("/staff/selection/")
    content = response.content
    assert text(content, "h1") == "Selection of speakers"
    assert table_rows(content, "balance-gender") == EXPECTED_GENDER
    assert table_rows(content, "balance-subregions") == EXPECTED_SUBREGIONS
    assert table_rows(content, "balance-categories") == EXPECTED_CATEGORIES
    assert captions(content)[:3] == [
        "Gender split",
        "Subregions covered: 4 of 7",
        "Stakeholder categories covered: 2",
    ]
    assert "Warnings" not in texts(content, "h3")
    slots = [slot.anchor for slot in response.context["board"].slots]
    assert slots == [
        "slot-co-chair",
        "slot-keynote-1",
        "slot-keynote-2",
        "slot-keynote-3",
        "slot-keynote-4",
        "slot-moderator-1",
        "slot-moderator-2",
        "slot-moderator-3",
        "slot-moderator-4",
        "slot-rapporteur",
    ]
    # Each seat group's table: the candidates' rows (their details follow each in a row of
    # one cell). Co-Chairs first, the Rapporteur last.
    candidates = slot_candidates(content)
    assert len(candidates) == 10
    not_sent = "Outcome not sent yet"
    assert candidates["slot-co-chair"] == [
        [
            "H.E. Speaker Minister",
            "Armenia",
            "Western Asia",
            "Woman",
            "Member State",
            f"Selected {not_sent}",
        ],
        [
            "H.E. Speaker Minister",
            "Kazakhstan",
            "Central Asia",
            "Man",
            "Member State",
            f"Selected {not_sent}",
        ],
    ]
    assert candidates["slot-keynote-2"] == [
        [
            "H.E. Speaker Minister",
            "Germany",
            "Western Europe",
            "Man",
            "Member State",
            f"Submitted {not_sent}",
        ],
    ]
    assert candidates["slot-moderator-2"] == [
        [
            "Us An organisation",
            "United States",
            "Northern America",
            "Not given",
            "Academia",
            f"Selected {not_sent}",
        ],
    ]
    assert candidates["slot-moderator-3"] == []  # the Swedish moderator withdrew
    assert candidates["slot-rapporteur"] == [
        [
            "Ua An organisation",
            "Ukraine",
            "Eastern Europe",
            "Man",
            "Migrants",
            "Selected Declined Outcome sent",
        ],
        [
            "Out An organisation",
            "Not given",
            "Outside the UNECE region or not given",
            "Woman",
            "Academia",
            f"Selected {not_sent}",
        ],
    ]


def test_the_board_opens_with_every_seat_in_one_table_and_skips_empty_tables(
    fixed_selection, client_of, staff_user
):
    content = client_of(staff_user).get("/staff/selection/").content
    assert table_rows(content, "seats") == [
        ["Co-Chair", "2 of 2", "2"],
        ["Keynote speaker · Thematic session 1", "1 of 1", "1"],
        ["Keynote speaker · Thematic session 2", "0 of 1", "1"],
        ["Keynote speaker · Thematic session 3", "0 of 1", "0"],
        ["Keynote speaker · Thematic session 4", "0 of 1", "0"],
        ["Moderator · Thematic session 1", "1 of 1", "1"],
        ["Moderator · Thematic session 2", "1 of 1", "1"],
        ["Moderator · Thematic session 3", "0 of 1", "0"],
        ["Moderator · Thematic session 4", "0 of 1", "0"],
        ["Rapporteur", "1 of 1", "2"],
    ]
    html = content.decode()
    assert '<a href="#slot-co-chair">Co-Chair</a>' in html
    # the four groups without a candidate say so in a line, without an empty table
    assert html.count('<table class="table candidates">') == 6
    assert texts(content, "p").count("No expressions of interest yet.") == 4


def test_the_board_warns_when_a_role_is_over_its_number_and_when_all_share_a_gender(
    calls, client_of, staff_user
):
    meeting = calls["keynote"].meeting
    offers = [
        offer(calls, focal_point(iso3), "co_chair", gender="man") for iso3 in ("ARM", "KAZ", "SWE")
    ]
    keynote = offer(
        calls, focal_point("PRT"), "keynote", session=thematic(meeting, 1), gender="man"
    )
    selection.expression_select(expression=keynote, by=staff_user)
    # A seat count forced past the service (as an edit in the database would).
    ExpressionOfInterest.objects.filter(pk__in=[o.pk for o in offers]).update(status="selected")
    content = client_of(staff_user).get("/staff/selection/").content
    html = content.decode()
    warnings = texts(html[html.index('<div class="warnings"') :], "ul")[0]
    assert warnings == (
        "Co-Chair: 3 selected for 2 seats. "
        "All 4 selected speakers share one gender (Man). "
        "Co-Chair: all 3 selected speakers share one gender (Man)."
    )
    assert "More candidates are selected than the role has seats: unselect one." in texts(
        content, "p"
    )


def test_a_shared_undisclosed_gender_is_not_called_a_shared_gender(calls, staff_user):
    for iso3 in ("ARM", "KAZ"):
        selection.expression_select(
            expression=offer(calls, focal_point(iso3), "co_chair", gender="undisclosed"),
            by=staff_user,
        )
    board = speakers_board.selection_board(meeting=calls["co_chair"].meeting)
    assert (board.balance.total, board.balance.shared_gender) == (2, [])


# Outcomes ---------------------------------------------------------------------------------


def test_outcomes_go_by_mail_in_each_persons_language_through_the_outbox(
    client_of, calls, staff_user, django_capture_on_commit_callbacks
):
    meeting = calls["moderator"].meeting
    french = stakeholder_of("fr@example.org", iso3="FRA", category="media", preferred_language="fr")
    russian = stakeholder_of(
        "ru@example.org", iso3="KAZ", category="academia", preferred_language="ru"
    )
    chosen = apply(calls, french, "moderator", session=thematic(meeting, 2))
    other = apply(calls, russian, "moderator", session=thematic(meeting, 2))
    elsewhere = apply(
        calls,
        stakeholder_of("en@example.org", iso3="DEU", category="academia"),
        "moderator",
        session=thematic(meeting, 3),
    )
    selection.expression_select(expression=chosen, by=staff_user)
    mail.outbox.clear()
    OutgoingEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(staff_user).post(
            f"/staff/selection/calls/{chosen.call_id}/notify/",
            {"session": thematic(meeting, 2).pk},
        )
    assert response["Location"] == "/staff/selection/#slot-moderator-2"
    assert flashed(response) == ["The outcome has been sent by email: 1 selected, 1 not selected."]
    sent = {e.to: e for e in OutgoingEmail.objects.all()}
    assert sorted((to, e.language, e.sent_at is not None) for to, e in sent.items()) == [
        ("fr@example.org", "fr", True),
        ("ru@example.org", "ru", True),
    ]
    assert "/fr/my/" in sent["fr@example.org"].body
    assert "/ru/programme/" in sent["ru@example.org"].body
    assert [m.to for m in mail.outbox] == [["fr@example.org"], ["ru@example.org"]]
    for expression in (chosen, other, elsewhere):
        expression.refresh_from_db()
    assert [(e.status, e.notified_at is not None) for e in (chosen, other, elsewhere)] == [
        ("selected", True),
        ("not_selected", True),
        ("submitted", False),
    ]
    # Sending again tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        selection.expressions_notify(call=chosen.call, session=thematic(meeting, 2), by=staff_user)
    assert OutgoingEmail.objects.count() == 2


def test_a_states_outcome_goes_to_its_verified_focal_points(calls, staff_user, focal_point_a):
    colleague = focal_point("ARM", email="second@mfa.example.am", preferred_language="ru")
    pending = User.objects.create_user(email="pending@mfa.example.am")
    FocalPoint.objects.create(user=pending, member_state=MemberState.objects.get(iso_alpha3="ARM"))
    expression = offer(calls, focal_point_a, "co_chair")
    OutgoingEmail.objects.all().delete()
    select_and_tell(expression, staff_user)
    assert sorted(OutgoingEmail.objects.values_list("to", "language")) == [
        ("anahit@mfa.example.am", "en"),
        (colleague.email, "ru"),
    ]


def test_the_applicant_sees_staffs_choice_only_once_the_outcome_is_sent(
    client_of, calls, stakeholder, staff_user
):
    expression = apply(calls, stakeholder, "rapporteur")
    selection.expression_select(expression=expression, by=staff_user)
    client = client_of(stakeholder)

    def statuses():
        page = client.get("/my/").content.decode()
        return [texts(row, "span")[0] for row in page.split('id="expressions-heading"')[1:]]

    assert statuses() == ["Submitted"]
    selection.expressions_notify(call=expression.call, by=staff_user)
    assert statuses() == ["Selected"]


def test_only_a_selection_the_person_was_told_of_can_be_confirmed(
    client_of, calls, stakeholder, staff_user
):
    expression = apply(calls, stakeholder, "rapporteur")
    selection.expression_select(expression=expression, by=staff_user)
    response = client_of(stakeholder).post(
        f"/my/applications/{expression.pk}/answer/", {"answer": "confirm"}
    )
    assert flashed(response) == [
        "Only a selection you have been told about can be confirmed or declined."
    ]
    expression.refresh_from_db()
    assert expression.confirmation == ""


def test_the_internal_note_is_saved_and_never_shown_to_the_applicant(
    client_of, calls, stakeholder, staff_user
):
    expression = apply(calls, stakeholder, "rapporteur")
    response = client_of(staff_user).post(
        f"/staff/selection/{expression.pk}/note/", {"note": "  Spoke at the 2020 review.  "}
    )
    assert flashed(response) == ["The internal note has been saved."]
    expression.refresh_from_db()
    assert expression.staff_note == "Spoke at the 2020 review."
    assert (
        "Spoke at the 2020 review."
        in client_of(staff_user).get("/staff/selection/").content.decode()
    )
    client = client_of(stakeholder)
    for path in ("/apply/", "/my/", f"/apply/{expression.pk}/edit/"):
        assert "Spoke at the 2020 review." not in client.get(path).content.decode()


# The programme ----------------------------------------------------------------------------


def test_confirm_and_decline_update_the_programme_once_released(
    client, client_of, calls, staff_user
):
    meeting = calls["keynote"].meeting
    armenia, kazakhstan, portugal = focal_point("ARM"), focal_point("KAZ"), focal_point("PRT")
    co_chairs = [
        offer(calls, armenia, "co_chair", name="H.E. Ms Anna Hakobyan", gender="woman"),
        offer(calls, kazakhstan, "co_chair", name="H.E. Mr Yerlan Abenov", gender="man"),
    ]
    keynote = offer(
        calls, portugal, "keynote", session=thematic(meeting, 2), name="H.E. Ms Ana Costa"
    )
    moderator_person = stakeholder_of(
        "mod@example.org",
        iso3="ITA",
        category="civil_society",
        full_name="Giulia Rossi",
        organisation="Migranti Insieme",
    )
    moderator = apply(calls, moderator_person, "moderator", session=thematic(meeting, 2))
    rapporteur_person = stakeholder_of(
        "rap@example.org",
        iso3="UKR",
        category="academia",
        full_name="Olena Shevchenko",
        organisation="Kyiv University",
    )
    rapporteur = apply(calls, rapporteur_person, "rapporteur")
    confirmed(co_chairs[0], staff_user, armenia)
    confirmed(co_chairs[1], staff_user, kazakhstan)
    confirmed(keynote, staff_user, portugal)
    confirmed(moderator, staff_user, moderator_person)
    confirmed(rapporteur, staff_user, rapporteur_person)
    client.logout()
    assert session_speakers(client, "session-2") == []  # the public sees the release only
    programme_release(meeting=meeting, by=staff_user)

    speakers = speakers_by_session(client.get("/programme/").content)
    co_chair_lines = [
        "Co-Chair: H.E. Mr Yerlan Abenov, Minister (Kazakhstan)",
        "Co-Chair: H.E. Ms Anna Hakobyan, Minister (Armenia)",
    ]
    assert speakers == {
        "Multi-stakeholder Hearing": ["Rapporteur: Olena Shevchenko, Kyiv University"],
        "Opening segment": [*co_chair_lines, "Rapporteur: Olena Shevchenko, Kyiv University"],
        "Thematic session 1": [],
        "Thematic session 2": [
            "Keynote speaker: H.E. Ms Ana Costa, Minister (Portugal)",
            "Moderator: Giulia Rossi, Migranti Insieme",
        ],
        "High-level Panel on Regular Migration Pathways": [],
        "Thematic session 3": [],
        "Thematic session 4": [],
        "Closing segment": co_chair_lines,
    }
    assert session_speakers(client, "session-2") == speakers["Thematic session 2"]

    # The moderator can no longer come: they decline, and the session page says so no more.
    client_of(moderator_person).post(
        f"/my/applications/{moderator.pk}/answer/", {"answer": "decline"}
    )
    programme_release(meeting=meeting, by=staff_user)
    client.logout()
    assert session_speakers(client, "session-2") == [
        "Keynote speaker: H.E. Ms Ana Costa, Minister (Portugal)"
    ]


def test_a_selected_person_who_has_not_confirmed_is_not_in_the_programme(
    client, calls, staff_user, stakeholder
):
    select_and_tell(apply(calls, stakeholder, "rapporteur"), staff_user)
    assert session_speakers(client, "hearing") == []


# Query counts -----------------------------------------------------------------------------


def candidates_create(calls, staff_user, n: int) -> None:
    """``n`` candidates in every seat group (Co-Chairs; keynote speaker and moderator of each
    thematic session; Rapporteur), the first of each selected, told and confirmed."""
    meeting = calls["keynote"].meeting
    states = iter(MemberState.objects.order_by("pk"))
    groups = [("co_chair", None)]
    groups += [("keynote", thematic(meeting, k)) for k in range(1, 5)]
    groups += [("moderator", thematic(meeting, k)) for k in range(1, 5)]
    groups += [("rapporteur", None)]
    for role, session in groups:
        for i in range(n):
            call = calls[role]
            if call.for_member_states:
                state = next(states)
                owner = focal_point(state.iso_alpha3)
                expression = ExpressionOfInterest.objects.create(
                    call=call,
                    member_state=state,
                    country=state,
                    session=session,
                    speaker_name=f"Speaker of {state.name}",
                    gender="woman",
                )
            else:
                owner = stakeholder_of(
                    f"{role}{session.number if session else ''}-{i}@example.org",
                    iso3="ITA",
                    category="academia",
                    gender="man",
                )
                expression = ExpressionOfInterest.objects.create(
                    call=call,
                    user=owner,
                    country=owner.country,
                    session=session,
                    stakeholder_category=owner.stakeholder_category,
                    speaker_name=owner.full_name,
                    gender="man",
                    cv="cvs/cv.pdf",
                )
            if i == 0:
                confirmed(expression, staff_user, owner)


@pytest.mark.parametrize("n", [1, 3])
def test_board_queries_do_not_grow_with_candidates(
    calls, staff_user, client_of, django_assert_num_queries, n
):
    candidates_create(calls, staff_user, n)
    client = client_of(staff_user)

    # session, user, staff group, meeting, calls, thematic sessions, their objectives, the
    # candidates with their state, country, category and account
    with django_assert_num_queries(8):
        response = client.get("/staff/selection/")

    board = response.context["board"]
    assert sum(len(slot.candidates) for slot in board.slots) == 10 * n
    assert board.balance.total == 10


@pytest.mark.parametrize("n", [1, 3])
def test_programme_queries_do_not_grow_with_candidates(
    calls, staff_user, client, django_assert_num_queries, n
):
    candidates_create(calls, staff_user, n)
    programme_release(meeting=calls["keynote"].meeting, by=staff_user)
    client.logout()

    # meeting, its latest release, its sessions (with the session), their objectives, their
    # speakers (with role and state)
    with django_assert_num_queries(5):
        response = client.get("/programme/")

    shown = speakers_by_session(response.content)
    # Hearing: the Rapporteur; opening: the Co-Chair and the Rapporteur; each thematic session:
    # its keynote speaker and moderator; the panel: nobody; closing: the Co-Chair.
    assert [len(lines) for lines in shown.values()] == [1, 2, 2, 2, 0, 2, 2, 1]
