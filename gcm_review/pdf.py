"""PDFs with WeasyPrint that fetch nothing but the portal's own static files.

What people write ends up in these documents; even sanitised, a document we render must never
make the server reach out to another host (SSRF) or read a local file. The fetcher serves
``<base_url><STATIC_URL>...`` from the static files and refuses every other URL: other hosts,
``file:``, ``data:`` and paths that climb out of the static directories.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher (a ``URLFetcher`` subclass, as WeasyPrint 70 expects) that answers
    from our static files and raises for anything else; WeasyPrint then skips the resource."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols=(), allow_redirects=False, timeout=1)
        self.static_prefix = urljoin(base_url, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        path = static_file_for(url, static_prefix=self.static_prefix)
        if path is None:
            raise ValueError(f"Only the portal's static files may be fetched, not {url[:120]!r}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def static_file_for(url: str, *, static_prefix: str) -> Path | None:
    """The file of a static URL under ``static_prefix``; None for anything else."""
    if not url.startswith(static_prefix):
        return None
    relative = unquote(urlsplit(url[len(static_prefix) :]).path)
    parts = relative.split("/")
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in parts):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if not found and settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        found = candidate if candidate.is_relative_to(root) else None
    path = Path(found) if found else None
    return path if path is not None and path.is_file() else None


def html_to_pdf(html: str, base_url: str) -> bytes:
    """An A4 PDF (size from the document's ``@page``) of ``html``; relative links resolve
    against ``base_url``, and only our static files are fetched."""
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnlyFetcher(base_url))
    return document.write_pdf(pdf_tags=True)
