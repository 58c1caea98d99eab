from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("report/", views.public_report, name="public"),
    path("report/pdf/", views.public_report_pdf, name="public_pdf"),
    path("my/report/", views.my_report, name="my_report"),
    path("my/report/pdf/", views.my_report_pdf, name="my_report_pdf"),
    path("staff/report/", views.staff_overview, name="staff"),
    path("staff/report/sections/add/", views.section_add, name="section_add"),
    path("staff/report/sections/<int:pk>/", views.section_edit, name="section"),
    path("staff/report/sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("staff/report/sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("staff/report/sections/<int:pk>/quotes/", views.quote_add, name="quote_add"),
    path(
        "staff/report/sections/<int:pk>/quotes/<int:quote_pk>/delete/",
        views.quote_remove,
        name="quote_remove",
    ),
    path("staff/report/compile/", views.compile_start, name="compile"),
    path("staff/report/jobs/<int:pk>/", views.job_detail, name="job"),
    path("staff/report/jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("staff/report/jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("staff/report/versions/<int:pk>/pdf/", views.version_pdf, name="version_pdf"),
    path(
        "staff/report/versions/<int:pk>/circulate/",
        views.version_circulate,
        name="version_circulate",
    ),
    path("staff/report/status/", views.report_status, name="status"),
    path("staff/report/comments/", views.staff_comments, name="staff_comments"),
    path(
        "staff/report/comments/<int:pk>/address/",
        views.comment_address,
        name="comment_address",
    ),
]
