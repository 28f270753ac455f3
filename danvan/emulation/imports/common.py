"""The workbook's sheets and columns, and the limits of one import."""

import logging
import re

from danvan.core.text import fold

from ..models import REGISTRATION_ITEMS

logger = logging.getLogger(__package__)  # "danvan.emulation.imports", as before the split

SHEET = "Đăng ký"
LISTS_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
REJECTED_HEADER = "Lỗi"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_STORED_ERRORS = 5_000
MAX_UNIT_OPTIONS = 2_000
PROGRESS_EVERY = 200
BATCH = 1_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The workbook's columns: (key, header). The headers are the file format, the same whatever the page's
# language; a header is recognised without accents, case or a bracketed hint ("Ngày đăng ký").
COLUMNS = [
    ("year", "Năm"),
    ("name", "Tên mô hình/điển hình"),
    ("kind", "Loại"),
    ("field", "Lĩnh vực"),
    ("unit", "Địa bàn (xã/đơn vị)"),
    ("unit_code", "Mã đơn vị"),
    ("body", "Cơ quan/đoàn thể"),
    ("subject_type", "Loại chủ thể"),
    ("level", "Cấp quản lý"),
    ("situation", "Thực trạng, lý do xây dựng"),
    ("objectives", "Mục tiêu, tiêu chí đánh giá"),
    ("method", "Nội dung, cách làm"),
    ("area", "Địa bàn, đối tượng"),
    ("forces", "Lực lượng thực hiện"),
    ("resources", "Nguồn lực"),
    ("timeline", "Thời gian, lộ trình"),
    ("outputs", "Sản phẩm đầu ra"),
    ("sustainability", "Khả năng duy trì, nhân rộng"),
    ("leader", "Người phụ trách"),
    ("leader_phone", "Điện thoại"),
    ("registered_on", "Ngày đăng ký (dd/mm/yyyy)"),
    ("launched_on", "Ngày ra mắt (dd/mm/yyyy)"),
]
HEADERS = dict(COLUMNS)
OPTIONAL = {"unit_code", "body"}
ITEM_KEYS = [key for key, _label in REGISTRATION_ITEMS]
# Where a service's error key shows in the workbook.
ERROR_COLUMNS = {**HEADERS, "party_org": HEADERS["body"]}


def _header_key(text) -> str:
    return fold(re.sub(r"\(.*?\)", " ", str(text or "")))


_BY_HEADER = {_header_key(header): key for key, header in COLUMNS}


class Formula(str):
    """The text of a formula cell, refused (its value is whatever Excel last computed, or nothing)."""
