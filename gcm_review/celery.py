import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcm_review.settings")

app = Celery("gcm_review")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
