"""Network staff's pages about focal points: the list and the verification."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from registration.accounts import selectors, services
from registration.models import FocalPoint
from registration.permissions import network_staff_required


@network_staff_required
@require_safe
def staff_focal_points(request):
    return render(
        request,
        "registration/staff/focal_points.html",
        {"focal_points": selectors.focal_points_for_review()},
    )


@network_staff_required
@require_POST
def staff_focal_point_decide(request, pk):
    focal_point = get_object_or_404(FocalPoint.objects.select_related("user"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("verify", "reject"):
        return HttpResponseBadRequest(_("Choose to verify or to reject."))
    verify = decision == "verify"
    services.focal_point_decide(focal_point=focal_point, by=request.user, verify=verify)
    messages.success(
        request,
        _("%(person)s is now a verified focal point.") % {"person": focal_point.user}
        if verify
        else _("The focal point request of %(person)s was rejected.")
        % {"person": focal_point.user},
    )
    return redirect("registration:staff_focal_points")
