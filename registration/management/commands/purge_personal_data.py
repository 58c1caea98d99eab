import datetime
import zoneinfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from registration.accounts.services import personal_data_purge


class Command(BaseCommand):
    help = (
        "Anonymise registrations made before a retention date: the person is cut off from "
        "the registration; the counts it feeds stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--before", required=True, help="retention date, YYYY-MM-DD")

    def handle(self, *args, before, **options):
        try:
            day = datetime.date.fromisoformat(before)
        except ValueError:
            raise CommandError(f"--before must be a date as YYYY-MM-DD, not {before!r}.") from None
        moment = datetime.datetime.combine(
            day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )
        count = personal_data_purge(before=moment)
        self.stdout.write(f"Anonymised {count} registrations made before {day.day} {day:%B %Y}.")
