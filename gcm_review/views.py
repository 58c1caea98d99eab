from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import broker_status, database_status
from .request_text import bad_request_page


@never_cache
@require_safe
def health(request):
    database_ok, pending = database_status()
    body = {
        "status": "ok" if database_ok else "error",
        "database": "ok" if database_ok else "down",
        "broker": broker_status(),
        "pending_migrations": pending,
    }
    return JsonResponse(body, status=200 if database_ok else 503)


def bad_request(request, exception):
    return bad_request_page(request, "")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """Django's own page has an inline style, which the site's policy refuses."""
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)
