from django.core.management.base import BaseCommand, CommandError

from reports import services
from sessions_app.selectors import meeting_current


class Command(BaseCommand):
    help = "Compile the summary report into a new version, as the Compile button does."

    def add_arguments(self, parser):
        parser.add_argument(
            "--compendium", action="store_true", help="include the full text of every input"
        )
        parser.add_argument(
            "--sync", action="store_true", help="compile in this process instead of a worker"
        )

    def handle(self, *args, compendium=False, sync=False, **options):
        report = services.report_get_or_create(meeting=meeting_current())
        try:
            job = services.compile_request(
                report=report, by=None, with_compendium=compendium, enqueue=not sync
            )
        except services.CompileAlreadyRunning as error:
            raise CommandError(error.messages[0]) from None
        if not sync:
            self.stdout.write(f"Compile job {job.pk} queued; a worker will make the version.")
            return
        version = services.compile_run(job_id=job.pk, worker="command line")
        self.stdout.write(
            f"Version {version.number}: {version.page_count} pages in {version.seconds} s, "
            f"{version.pdf.name}"
        )
