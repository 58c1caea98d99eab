from django.urls import path
from django.views.decorators.http import require_safe

from gcm_review.page_cache import public_page

from .feeds import WrittenInputsFeed
from .views import drafting, public, review

app_name = "submissions"

urlpatterns = [
    # A focal point drafting their State's input
    path("my/submission/", drafting.edit, name="edit"),
    path("my/submission/submit/", drafting.submit, name="submit"),
    path("my/submission/withdraw/", drafting.withdraw, name="withdraw"),
    path("my/submission/reopen/", drafting.reopen, name="reopen"),
    path("my/submission/attachments/", drafting.attachment_add, name="attachment_add"),
    path(
        "my/submission/attachments/<int:pk>/delete/",
        drafting.attachment_remove,
        name="attachment_remove",
    ),
    path("attachments/<int:pk>/", drafting.attachment_download, name="attachment"),
    # Network staff
    path("staff/submissions/", review.queue, name="staff_queue"),
    path("staff/submissions/extensions/", review.extension, name="staff_extension"),
    path("staff/submissions/<int:pk>/", review.detail, name="staff_detail"),
    path("staff/submissions/<int:pk>/return/", review.return_for_changes, name="staff_return"),
    path("staff/submissions/<int:pk>/publish/", review.publish, name="staff_publish"),
    path("staff/submissions/<int:pk>/withdraw/", review.withdraw, name="staff_withdraw"),
    path(
        "staff/submissions/<int:pk>/revisions/<int:number>/",
        review.revision,
        name="staff_revision",
    ),
    # Public
    path("submissions/", public.index, name="list"),
    path("submissions/coverage/", public.coverage, name="coverage"),
    path("submissions/data/", public.data, name="data"),
    path("submissions/<int:pk>/", public.detail, name="detail"),
    path("submissions/<int:pk>/pdf/", public.pdf, name="pdf"),
    path("submissions.json", public.data_json, name="json"),
    path("submissions.csv", public.data_csv, name="csv"),
    path("submissions.atom", require_safe(public_page(WrittenInputsFeed())), name="feed"),
]
