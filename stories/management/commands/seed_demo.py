import time

from django.core.management.base import BaseCommand
from django.db import transaction

from stories.demo.pages import seed_demo_site
from stories.demo.volume import seed_volume


class Command(BaseCommand):
    help = (
        "Build the bilingual demo site (taxonomy, projects, stories in nb with en "
        "translations). Idempotent. With --projects/--stories, also add synthetic "
        "volumes for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=0)
        parser.add_argument("--stories", type=int, default=0)

    def handle(self, *args, projects, stories, **options):
        with transaction.atomic():
            counts = seed_demo_site()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo site ready: {programmes} programmes, {projects} projects, "
                "{stories} stories in Norwegian and English.".format(**counts)
            )
        )
        if projects or stories:
            started = time.monotonic()
            seed_volume(projects, stories, progress=self.stdout.write)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {projects} synthetic projects and {stories} synthetic "
                    f"stories in each language in {time.monotonic() - started:.0f} s."
                )
            )
