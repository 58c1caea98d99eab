"""Cells that spreadsheet programs will not run as formulas (CSV/XLSX injection)."""

import unicodedata

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "|")


def cell_safe(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe: text that
    starts with a trigger, or whose first visible character is one once leading whitespace is
    trimmed (as some programs do on import) or full-width forms are folded (＝, ＋, －, ＠, ｜).
    Numbers, dates and other typed values are left as they are."""
    if isinstance(value, str) and value:
        first = unicodedata.normalize("NFKC", value.lstrip()[:1])
        if value.startswith(FORMULA_TRIGGERS) or first.startswith(FORMULA_TRIGGERS):
            return "'" + value
    return value
