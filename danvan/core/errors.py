from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ConflictError(ValidationError):
    """Someone else saved the object after this form was opened; nothing was overwritten."""

    def __init__(self):
        super().__init__(
            _("Bản ghi này vừa được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi rồi sửa lại."),
            code="conflict",
        )
