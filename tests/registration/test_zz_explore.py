import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.html import texts

@pytest.fixture(autouse=True)
def fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

def test_explore(data_manager, client_of):
    c = client_of(data_manager)
    r = c.get("/admin/registration/focalpoint/import/")
    print(texts(r.content, "h1"), texts(r.content, "ul")[:5])
    f = SimpleUploadedFile("fp.csv", b"email,full_name,member_state\nOlga@MFA.example.ge ,Olga Focal,geo\nnot-an-email,Bad,ARM\nx@example.org,X,XXX\n", content_type="text/csv")
    r = c.post("/admin/registration/focalpoint/import/", {"resource": "0", "format": "0", "import_file": f})
    print(r.status_code)
    print(texts(r.content, "h2"), texts(r.content, "tr"))
    f = SimpleUploadedFile("fp.csv", b"email,full_name,member_state\nOlga@MFA.example.ge ,Olga Focal,geo\nivan@example.org,Ivan,ARM\n", content_type="text/csv")
    r = c.post("/admin/registration/focalpoint/import/", {"resource": "0", "format": "0", "import_file": f})
    print(texts(r.content, "h2"), texts(r.content, "tr"))
    print(r.context["confirm_form"].initial)
    i = r.content.decode().index("process_import")
    print(r.content.decode()[i-100:i+1200])
    res = r.context["result"]
    for row in res.valid_rows():
        print(row.import_type, row.diff, row.object_repr, row.object_id)
    print(r.content.decode()[i+1200:i+2500])
