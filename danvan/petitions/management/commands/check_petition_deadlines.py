from django.core.management.base import BaseCommand

from danvan.petitions.services import petitions_check_deadlines


class Command(BaseCommand):
    help = "Nhắc kiến nghị sắp đến hạn và báo quá hạn lên cơ quan cấp trên, Ban Thường vụ; chạy hằng ngày bằng cron."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Đưa vào hàng đợi cho tiến trình nền (db_worker).")

    def handle(self, *args, queue=False, **options):
        if queue:
            from danvan.petitions.tasks import check_deadlines

            result = check_deadlines.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        result = petitions_check_deadlines()
        self.stdout.write(
            f"Đã nhắc {result['warned']} kiến nghị sắp đến hạn, báo {result['escalated']} kiến nghị quá hạn."
        )
