from django.core.management.base import BaseCommand

from danvan.core.services.units import units_refresh_cache


class Command(BaseCommand):
    help = (
        "Cập nhật tên, loại, cấp trên hiện hành của các đơn vị có thay đổi đã đến ngày hiệu lực "
        "(chạy hằng ngày bằng cron)."
    )

    def handle(self, *args, **options):
        changed = units_refresh_cache()
        self.stdout.write(f"Đã cập nhật {changed} đơn vị.")
