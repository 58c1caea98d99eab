from django.urls import path

from .views import my, outline, public, staff

app_name = "reports"

urlpatterns = [
    path("report/", public.public_report, name="public"),
    path("report/pdf/", public.public_report_pdf, name="public_pdf"),
    path("my/report/", my.my_report, name="my_report"),
    path("my/report/pdf/", my.my_report_pdf, name="my_report_pdf"),
    path("staff/report/", staff.staff_overview, name="staff"),
    path("staff/report/sections/add/", outline.section_add, name="section_add"),
    path("staff/report/sections/<int:pk>/", outline.section_edit, name="section"),
    path("staff/report/sections/<int:pk>/move/", outline.section_move, name="section_move"),
    path("staff/report/sections/<int:pk>/delete/", outline.section_delete, name="section_delete"),
    path("staff/report/sections/<int:pk>/quotes/", outline.quote_add, name="quote_add"),
    path(
        "staff/report/sections/<int:pk>/quotes/<int:quote_pk>/delete/",
        outline.quote_remove,
        name="quote_remove",
    ),
    path("staff/report/compile/", staff.compile_start, name="compile"),
    path("staff/report/jobs/<int:pk>/", staff.job_detail, name="job"),
    path("staff/report/jobs/<int:pk>/progress/", staff.job_progress, name="job_progress"),
    path("staff/report/jobs/<int:pk>/retry/", staff.job_retry, name="job_retry"),
    path("staff/report/versions/<int:pk>/pdf/", staff.version_pdf, name="version_pdf"),
    path(
        "staff/report/versions/<int:pk>/circulate/",
        staff.version_circulate,
        name="version_circulate",
    ),
    path("staff/report/status/", staff.report_status, name="status"),
    path("staff/report/comments/", staff.staff_comments, name="staff_comments"),
    path(
        "staff/report/comments/<int:pk>/address/",
        staff.comment_address,
        name="comment_address",
    ),
]
