from django.core.management.base import BaseCommand
from django.utils import timezone

from gcm_review import seeding


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
        created = seeding.reference_data_seed()
        summary = ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in created.items())
        self.stdout.write(f"Reference data loaded; created {summary}.")
        if not demo:
            return
        outcome = seeding.demo_seed(now=timezone.now())
        for line in outcome.lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo accounts (sign in at /accounts/login/):"))
        for account in outcome.accounts:
            self.stdout.write(f"  {account.role:<28} {account.email:<40} {account.password}")
