from django.core.management.base import BaseCommand

from danvan.core.access import loader_actor
from danvan.core.services.calendar import calendar_import_year


class Command(BaseCommand):
    help = "Nạp ngày lễ, Tết của Việt Nam cho một năm từ thư viện holidays (giữ nguyên các ngày nhập tay)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year, **options):
        self.stdout.write(f"Đã thêm {calendar_import_year(actor=loader_actor(), year=year)} ngày vào lịch năm {year}.")
