import json
from pathlib import Path

from django.core.management.base import BaseCommand

from stories.api.openapi import build_document


class Command(BaseCommand):
    help = (
        "Write the API's OpenAPI 3.1 document (what /api/v2/openapi.json serves) "
        "to PATH, e.g. to generate a typed client. Needs no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="where to write the JSON")

    def handle(self, *args, path, **options):
        document = json.dumps(build_document(), ensure_ascii=False, indent=2)
        path.write_text(document + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote the OpenAPI document to {path}")
