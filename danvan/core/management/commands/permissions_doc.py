from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from danvan.core.access_doc import render


class Command(BaseCommand):
    help = "Write docs/permissions.md from the roles' capabilities and the access registry."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail when the file differs instead of writing.")

    def handle(self, *args, check=False, **options):
        path = Path(settings.BASE_DIR) / "docs" / "permissions.md"
        text = render()
        if check:
            if path.read_text(encoding="utf-8") != text:
                raise SystemExit(f"{path} is out of date: run `danvan permissions_doc`.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"{path} written.")
