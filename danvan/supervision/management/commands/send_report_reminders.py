from django.core.management.base import BaseCommand

from danvan.supervision.services import report_reminders_send


class Command(BaseCommand):
    help = "Nhắc các tổ trưởng về báo cáo tháng chưa gửi (trước hạn và sau hạn một ngày); chạy hằng ngày bằng cron."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Đưa vào hàng đợi cho tiến trình nền (db_worker).")

    def handle(self, *args, queue=False, **options):
        if queue:
            from danvan.supervision.tasks import send_report_reminders

            result = send_report_reminders.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        self.stdout.write(f"Đã gửi {report_reminders_send()} thông báo nhắc báo cáo.")
