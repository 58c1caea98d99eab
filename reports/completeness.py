"""Whether a compiled version says something in every section, before it is final or published."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import ngettext


class EmptySections(ValidationError):
    """Marking final or publishing a version with sections that say nothing: staff confirm."""

    def __init__(self, titles: list[str]):
        self.titles = titles
        super().__init__(
            ngettext(
                "%(count)d section of this version is empty.",
                "%(count)d sections of this version are empty.",
                len(titles),
            )
            % {"count": len(titles)}
        )


def empty_sections(data: dict) -> list[str]:
    """The titles of a version's narrative sections with no text and no quote (a section
    compiled from the data always says something)."""
    return [
        section["title"]
        for section in data.get("sections", [])
        if not section.get("compiled")
        and not section.get("quotes")
        and not " ".join(strip_tags(section.get("body") or "").split())
    ]


def sections_ensure_written(data: dict, *, confirmed: bool) -> None:
    """Refuse a version with empty sections unless staff confirmed they want it so."""
    if not confirmed and (titles := empty_sections(data)):
        raise EmptySections(titles)
