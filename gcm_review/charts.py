"""Bar charts as SVG, made on the server; each comes with its data table in the template."""

from html import escape

ROW_HEIGHT = 22
LABEL_WIDTH = 260
BAR_WIDTH = 320
VALUE_WIDTH = 48


def bar_chart_svg(rows: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart of ``rows`` (label, value); readable without colour."""
    largest = max((value for _label, value in rows), default=0) or 1
    height = ROW_HEIGHT * max(len(rows), 1) + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    summary = "; ".join(f"{label}: {value}" for label, value in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}: {escape(summary)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        bar = round(BAR_WIDTH * value / largest)
        short = label if len(label) <= 42 else label[:40] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="11" '
            f'fill="#1b1b1b">{escape(short)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{ROW_HEIGHT - 8}" '
            f'fill="#0b3d66"/>'
            f'<text x="{LABEL_WIDTH + bar + 4}" y="{y + 15}" font-size="11" '
            f'fill="#1b1b1b">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
