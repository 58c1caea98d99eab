"""One written input as an A4 PDF (WeasyPrint, DejaVu Sans for Cyrillic)."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from gcm_review.pdf import html_to_pdf
from registration.models import subregion_label

from .models import Submission

TEMPLATE = "submissions/public/pdf.html"
CACHE_SECONDS = 60 * 60


def submission_pdf(*, submission: Submission, base_url: str, request=None) -> bytes:
    """The PDF of an input loaded with ``selectors.submission_full``.

    Published inputs are rendered once per language, version and address of the site (they
    cannot change while published; a withdrawal or a new version changes the key); drafts are
    rendered each time and never cached.
    """
    key = None
    if submission.is_public:
        key = (
            f"submissions:pdf:{submission.pk}:{submission.version}:"
            f"{submission.updated_at.timestamp():.6f}:{get_language()}:{base_url}"
        )
        cached = cache.get(key)
        if cached is not None:
            return cached
    context = {
        "submission": submission,
        "subregion": subregion_label(submission.member_state.subregion),
        "base": base_url.rstrip("/"),
    }
    html = render_to_string(TEMPLATE, context, request=request)
    pdf = html_to_pdf(html, base_url)
    if key is not None:
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
