import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.core import demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu huyện Can Lộc (Hà Tĩnh) nếu cơ sở dữ liệu chưa có; chạy lại không nhân đôi dữ liệu."

    def handle(self, *args, **options):
        if demo.already_loaded():
            self.stdout.write("Dữ liệu mẫu đã có; không nạp lại.")
            return
        with transaction.atomic():
            ctx = demo.load_core()
            for config in apps.get_app_configs():
                if config.name.startswith("danvan.") and config.name != "danvan.core":
                    try:
                        module = importlib.import_module(f"{config.name}.demo")
                    except ModuleNotFoundError:
                        continue
                    module.load(ctx)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu huyện Can Lộc."))
        self.stdout.write("Tài khoản mẫu (mật khẩu: demo):")
        for username, role, note in demo.demo_logins():
            self.stdout.write(f"  {username:<15} {role:<40} {note}")
