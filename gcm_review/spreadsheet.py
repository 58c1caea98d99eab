"""Cells that spreadsheet programs will not run as formulas (CSV/XLSX injection)."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "|")


def cell_safe(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
