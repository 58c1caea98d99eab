from django.utils import translation

from sessions_app.models import Document, GCMObjective, Session


def test_a_trilingual_field_names_its_translations_in_the_page_language():
    names = [
        str(GCMObjective._meta.get_field(name).verbose_name)
        for name in ("title", "title_fr", "title_ru")
    ]
    with translation.override("fr"):
        french = str(GCMObjective._meta.get_field("title_ru").verbose_name)
    assert names == ["title", "title (French)", "title (Russian)"]
    assert french == "titre (en russe)"


def test_translations_are_optional_and_carry_no_help_text():
    fields = [Document._meta.get_field(name) for name in ("body", "body_fr", "body_ru")]
    assert [(field.blank, bool(field.help_text)) for field in fields] == [
        (True, True),
        (True, False),
        (True, False),
    ]
    assert [Session._meta.get_field(name).blank for name in ("title", "title_fr")] == [False, True]
