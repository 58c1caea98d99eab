"""rem13: what staff wrote (the report's title) is inert where reminders and the personal
timeline show it: /staff/reminders/, the reminder mail, /my/ and the calendar feed. The feed's
secret and the unsubscribe token are tried with hostile values in their own test files."""

import datetime
import re

import icalendar
from django.core import mail
from django.utils import timezone

from reports.models import Report
from reports.reminders.services import reminders_send
from tests.hostile._payload_lines import payloads
from tests.hostile._xss_helpers import mail_problems, page_problems

TITLE = "".join(p.payload for p in payloads("xss.txt"))[:300]


def test_a_hostile_report_title_is_inert_in_reminders_and_the_timeline(
    meeting, staff_user, focal_point_a, client_of, django_capture_on_commit_callbacks
):
    Report.objects.create(
        meeting=meeting,
        title=TITLE,
        status=Report.Status.CIRCULATED,
        comments_close_at=timezone.now() + datetime.timedelta(days=7, minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
    assert mail_problems(mail.outbox) == []
    assert TITLE.splitlines()[0] in mail.outbox[0].body  # plain text, as written
    assert page_problems(client_of(staff_user).get("/staff/reminders/").content) == []
    client = client_of(focal_point_a)
    assert page_problems(client.get("/my/").content) == []
    page = client.post("/my/calendar/").content.decode()
    assert page_problems(page) == []
    path = re.search(r'value="https?://[^/"]+(/my/calendar/[^"]+\.ics)"', page)[1]
    feed = icalendar.Calendar.from_ical(client_of(None).get(path).content)
    assert len(list(feed.walk("VEVENT"))) == 2  # written input and report comments
