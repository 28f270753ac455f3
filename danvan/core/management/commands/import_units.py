import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.core.access import loader_actor
from danvan.core.imports import files, units_import


class Command(BaseCommand):
    help = (
        "Nhập danh mục đơn vị hành chính: mặc định từ dữ liệu đóng gói (danh mục trước và sau 01/7/2025 cùng "
        "phương án sắp xếp năm 2025), hoặc từ tệp CSV/Excel theo mẫu xuất của Tổng cục Thống kê. Chạy lại chỉ "
        "áp dụng phần khác biệt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", default="package", help="'package' (mặc định) hoặc đường dẫn tệp .csv/.xlsx theo mẫu."
        )
        parser.add_argument("--province", help="Chỉ một tỉnh (mã tỉnh sau 01/7/2025, ví dụ 42 là Hà Tĩnh).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in phần khác biệt, không ghi gì.")
        parser.add_argument("--date", help="Ngày của danh mục trong tệp (YYYY-MM-DD); mặc định hôm nay.")
        parser.add_argument("--legal-basis", default="", help="Căn cứ pháp lý cho các thay đổi trong tệp.")

    def handle(self, *args, source, province, dry_run, date, legal_basis, **options):
        from danvan.core import dates

        try:
            if source == "package":
                result = units_import(actor=loader_actor(), province=province, dry_run=dry_run)
            else:
                day = datetime.date.fromisoformat(date) if date else dates.today()
                rows = files.read(source)
                result = units_import(
                    actor=loader_actor(),
                    source=source,
                    rows=rows,
                    province=province,
                    day=day,
                    legal_basis=legal_basis,
                    dry_run=dry_run,
                )
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        verbosity = options.get("verbosity", 1)
        if dry_run or verbosity > 1:
            shown = result.details if verbosity > 1 else result.details[:200]
            for line in shown:
                self.stdout.write(line)
            if len(result.details) > len(shown):
                self.stdout.write(f"... và {len(result.details) - len(shown)} dòng nữa (-v 2 để xem hết).")
        prefix = "Chạy thử (không ghi): " if dry_run else "Đã nhập: "
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
