"""What bench.pages makes of a run: each row against its aim (issue 15) and the table it
prints."""

from .pages_data import AIMS, Row

BARE_ROWS = ("bare_first", "bare_last")


def bare_rps(measured: dict) -> float:
    """The yardstick: the mean of the bare view's req/s measured first and last."""
    values = [measured[key]["rps"] for key in BARE_ROWS if key in measured]
    return sum(values) / len(values) if values else 0.0


def aim_text(row: Row) -> str:
    aim = AIMS[row.aim]
    if aim is None:
        return ""
    share, p95 = aim
    return f">= {share:.0%}" + (f", p95 <= {p95} ms" if p95 else "")


def verdict(row: Row, figures: dict, profile: dict, bare: float) -> str:
    """ "met", "not met", "" (no aim), or why the row does not count: "broken" (the page did
    not answer 200 of its content type before the load) or "failed" (under load)."""
    if profile.get("problem"):
        return "broken"
    if figures.get("failures") or not figures.get("requests"):
        return "failed"
    aim = AIMS[row.aim]
    if aim is None:
        return ""
    share, p95 = aim
    met = bare > 0 and figures["rps"] / bare >= share and (p95 is None or figures["p95_ms"] <= p95)
    return "met" if met else "not met"


def row_label(row: Row) -> str:
    label = row.url + (f" ({row.note})" if row.note else "")
    return label + (f" [{row.role}]" if row.role else "")


def table(rows: list[Row], measured: dict, profiles: dict, bare: float) -> str:
    """One line per row: the load's figures, the share of the bare view, the aim and the
    verdict, and the in-process profile (SQL queries and milliseconds of one render, the first
    time and again)."""
    lines = [
        f"  {'page':<44}{'lang':<5}{'req/s':>8}{'p50':>6}{'p95':>6}{'/bare':>7}  "
        f"{'aim':<22}{'verdict':<9}{'queries':>9}{'render ms':>13}{'fail':>6}",
    ]
    for row in rows:
        figures, profile = measured.get(row.key, {}), profiles.get(row.key, {})
        share = figures.get("rps", 0) / bare if bare else 0
        first, again = profile.get("first", {}), profile.get("again", {})
        queries = f"{first.get('queries', '-')}/{again.get('queries', '-')}"
        render = f"{first.get('ms', '-')}/{again.get('ms', '-')}"
        lines.append(
            f"  {row_label(row):<44}{row.language or '-':<5}{figures.get('rps', 0):>8.0f}"
            f"{figures.get('p50_ms', 0):>6.0f}{figures.get('p95_ms', 0):>6.0f}{share:>7.0%}  "
            f"{aim_text(row):<22}{verdict(row, figures, profile, bare):<9}{queries:>9}"
            f"{render:>13}{figures.get('failures', 0):>6}"
        )
    return "\n".join(lines)


def report_rows(rows: list[Row], measured: dict, profiles: dict, bare: float) -> list[dict]:
    """The rows for bench/results/pages.json."""
    return [
        {
            "key": row.key,
            "page": row.page,
            "language": row.language,
            "url": row.url,
            "note": row.note,
            "signed_in_as": row.role,
            "aim": aim_text(row),
            "verdict": verdict(row, measured.get(row.key, {}), profiles.get(row.key, {}), bare),
            "share_of_bare": round(measured.get(row.key, {}).get("rps", 0) / bare, 3)
            if bare
            else None,
            **measured.get(row.key, {}),
            "profile": profiles.get(row.key, {}),
        }
        for row in rows
    ]
