"""Importing verified focal points from a staff spreadsheet through the admin.

django-import-export 4.4 works in two steps: POSTing the file to ``import/`` runs the
import as a dry run inside a rolled-back transaction and shows a preview with a confirm
form (hidden fields naming the stored temporary file); POSTing that form to
``process_import/`` imports for real and redirects to the changelist.
"""

from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile

from registration.models import FocalPoint, User
from tests.html import texts

IMPORT = "/admin/registration/focalpoint/import/"
PROCESS_IMPORT = "/admin/registration/focalpoint/process_import/"

GOOD_FILE = (
    b"email,full_name,member_state\n"
    b" Olga@MFA.example.ge ,Olga Focal,geo\n"
    b"ivan@mfa.example.kz,Ivan Focal,KAZ\n"
)


class _HiddenInputs(HTMLParser):
    """The hidden inputs of the form that posts to ``action``."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.values = action, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        elif tag == "input" and self.inside and attrs.get("type") == "hidden":
            self.values[attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def hidden_inputs(content: bytes, action: str) -> dict:
    parser = _HiddenInputs(action)
    parser.feed(content.decode())
    return parser.values


def upload(client, content: bytes):
    """GET the import page, then POST the file as CSV, the format chosen by its title."""
    form = client.get(IMPORT).context["form"]
    formats = {title: value for value, title in form.fields["format"].choices}
    csv_file = SimpleUploadedFile("focal-points.csv", content, content_type="text/csv")
    return client.post(IMPORT, {"resource": "0", "format": formats["csv"], "import_file": csv_file})


def preview_rows(content: bytes) -> list[str]:
    """The text of each data row of the preview table (the header row left out)."""
    rows = texts(content, "tr")
    header = rows.index("email full_name member_state")
    return rows[header + 1 :]


def people():
    return set(User.objects.values_list("email", flat=True))


def test_uploading_focal_points_previews_the_rows_and_saves_nothing(data_manager, client_of):
    before = people()

    response = upload(client_of(data_manager), GOOD_FILE)

    assert texts(response.content, "h2")[-1] == "Preview"
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["new", "new"]
    assert len(preview_rows(response.content)) == 2
    assert hidden_inputs(response.content, PROCESS_IMPORT)["original_file_name"] == (
        "focal-points.csv"
    )
    assert (FocalPoint.objects.count(), people()) == (0, before)


def test_the_import_preview_shows_what_each_row_will_import(data_manager, client_of):
    response = upload(client_of(data_manager), GOOD_FILE)

    assert preview_rows(response.content) == [
        "New olga@mfa.example.ge Olga Focal GEO",
        "New ivan@mfa.example.kz Ivan Focal KAZ",
    ]


def test_confirming_the_import_creates_verified_focal_points(data_manager, client_of):
    client = client_of(data_manager)
    preview = upload(client, GOOD_FILE)

    response = client.post(PROCESS_IMPORT, hidden_inputs(preview.content, PROCESS_IMPORT))

    assert response.status_code == 302
    assert response["Location"] == "/admin/registration/focalpoint/"
    imported = FocalPoint.objects.select_related("user", "member_state", "decided_by")
    assert sorted(
        (
            fp.user.email,
            fp.user.full_name,
            fp.member_state.iso_alpha3,
            fp.user.delegation_id == fp.member_state_id,
            fp.status,
            fp.decided_by,
            fp.decided_at is not None,
            fp.user.has_usable_password(),
        )
        for fp in imported
    ) == [
        ("ivan@mfa.example.kz", "Ivan Focal", "KAZ", True, "verified", data_manager, True, False),
        ("olga@mfa.example.ge", "Olga Focal", "GEO", True, "verified", data_manager, True, False),
    ]
    assert sorted(
        EmailAddress.objects.filter(user__focal_point__isnull=False).values_list(
            "email", "verified", "primary"
        )
    ) == [("ivan@mfa.example.kz", True, True), ("olga@mfa.example.ge", True, True)]
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert messages == ["Import finished: 2 new, 0 updated, 0 deleted and 0 skipped focal points."]


def test_importing_an_existing_person_verifies_them_without_a_second_account(
    data_manager, stakeholder, client_of
):
    client = client_of(data_manager)
    preview = upload(client, b"email,full_name,member_state\nSOFIA@example.org,Other Name,ITA\n")

    client.post(PROCESS_IMPORT, hidden_inputs(preview.content, PROCESS_IMPORT))

    focal_point = FocalPoint.objects.select_related("user", "member_state").get()
    assert (
        focal_point.user,
        focal_point.user.full_name,
        focal_point.member_state.iso_alpha3,
        focal_point.status,
    ) == (stakeholder, "Sofia Stakeholder", "ITA", "verified")
    assert User.objects.filter(email__iexact="sofia@example.org").count() == 1


@pytest.mark.parametrize(
    "bad_row, error",
    [
        (
            b"nobody@mfa.example.xx,No Body,XXX",
            "member_state Unknown member state code 'XXX': use ISO alpha-3.",
        ),
        (b"not-an-email,No Body,ARM", "email Not a valid email address."),
    ],
    ids=["unknown ISO code", "invalid email"],
)
def test_a_bad_row_is_shown_in_the_preview_and_nothing_is_imported(
    data_manager, client_of, bad_row, error
):
    before = people()

    response = upload(client_of(data_manager), GOOD_FILE + bad_row + b"\n")

    assert texts(response.content, "h2")[-1] == "Some rows failed to validate"
    assert texts(response.content, "tr")[-1] == f"3 1 {error} {bad_row.decode().replace(',', ' ')}"
    assert hidden_inputs(response.content, PROCESS_IMPORT) == {}
    assert (FocalPoint.objects.count(), people()) == (0, before)
