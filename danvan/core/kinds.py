"""The kinds of what the grassroots raise (khó khăn, vướng mắc, kiến nghị, đề xuất), shared by every module
that raises them and by the kiến nghị registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcernKind(models.TextChoices):
    DIFFICULTY = "difficulty", _("Khó khăn")
    OBSTACLE = "obstacle", _("Vướng mắc")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    PROPOSAL = "proposal", _("Đề xuất")
