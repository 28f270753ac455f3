"""The working-day calendar: the exceptions to the Monday–Friday week, shared by every module that counts time
limits in working days (kiến nghị answers, recognition of community decisions, election lead times).

The `HolidayCalendar` of the glossary is the table of `CalendarDay` rows: the public holidays taken from the
`holidays` package and the government's yearly swaps (days off and working Saturdays), editable as data.
The arithmetic is `danvan.core.workdays`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """One exception to the Monday–Friday working week: a holiday or day off on a weekday, or a working day on
    a weekend (the government's compensating Saturdays)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Nghỉ lễ, Tết")
        DAY_OFF = "day_off", _("Nghỉ bù, hoán đổi")
        WORKING = "working", _("Làm việc bù")

    class Source(models.TextChoices):
        LIBRARY = "library", _("Thư viện holidays")
        MANUAL = "manual", _("Nhập tay")

    day = models.DateField(_("Ngày"), unique=True)
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Tên ngày"), max_length=200)
    source = models.CharField(_("Nguồn"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    legal_basis = models.CharField(_("Căn cứ"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        # Moved from petitions without touching the database: the table keeps the name it was created with.
        db_table = "petitions_calendarday"
        verbose_name = _("Ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("Lịch nghỉ, ngày làm việc")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
