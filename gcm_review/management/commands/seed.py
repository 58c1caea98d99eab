from django.core.management.base import BaseCommand
from django.utils import timezone

from registration import seeding as registration_seeding
from registration.speakers import services as speakers_services
from sessions_app import services as sessions_services
from sessions_app.models import Meeting
from submissions import services as submissions_services
from submissions.voices import services as voices_services


class Command(BaseCommand):
    help = (
        "Load the reference data and the 2024 Regional Review Meeting (idempotent). "
        "With --demo, also create one demo account per role and print their sign-in details."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="also create demo accounts for every role"
        )

    def handle(self, *args, demo=False, **options):
        created = {
            **sessions_services.reference_data_seed(),
            **registration_seeding.reference_data_seed(),
            **voices_services.voices_seed(),
        }
        summary = ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in created.items())
        self.stdout.write(f"Reference data loaded; created {summary}.")
        if demo:
            meeting = Meeting.objects.get(slug="unece-2024")
            until = sessions_services.demo_windows_open(meeting=meeting, now=timezone.now())
            speakers_services.demo_calls_open(meeting=meeting, now=timezone.now(), until=until)
            self.stdout.write(
                f"Demo: the meeting stays on {meeting.date:%d %B %Y}; its registration window "
                f"is open until {until:%d %B %Y} (staff pages say so)."
            )
            accounts = registration_seeding.demo_accounts_create()
            states = submissions_services.demo_extensions_grant(meeting=meeting, until=until)
            self.stdout.write(f"Demo: written inputs of {', '.join(states)} extended likewise.")
            voices_services.discussion_demo_open(meeting=meeting, now=timezone.now(), until=until)
            self.stdout.write("Demo: the Discussion Space threads are open likewise.")
            self.stdout.write(self.style.SUCCESS("Demo accounts (sign in at /accounts/login/):"))
            for account in accounts:
                self.stdout.write(f"  {account.role:<28} {account.email:<40} {account.password}")
