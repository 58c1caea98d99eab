"""The portal's URLs plus a bare view: the yardstick of what Django itself costs on the same
server, with the same middleware. Only the benchmark's settings use this URLconf."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from gcm_review.urls import handler403, handler404, handler500  # noqa: F401
from gcm_review.urls import urlpatterns as portal_urlpatterns

from . import BARE_PATH


@require_safe
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare), *portal_urlpatterns]
