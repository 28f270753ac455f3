import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TimeBoundedQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date, prefix: str = ""):
        """Rows whose validity period contains `day` (both ends inclusive, an open end is forever)."""
        return self.filter(
            Q(**{f"{prefix}valid_from__lte": day})
            & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day}))
        )


class TimeBounded(models.Model):
    """Something that exists from one day to another, both days included; no end means still valid."""

    valid_from = models.DateField(_("Hiệu lực từ ngày"))
    valid_to = models.DateField(_("Hiệu lực đến hết ngày"), null=True, blank=True)

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


def valid_period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name=name
    )


class Searchable(models.Model):
    """Folded text for accent-insensitive search and a Vietnamese collation key for ordering.

    Both columns are filled by services (see core.text); the full-text index over `search_text` is
    created by core.search migration operations on each database.
    """

    search_text = models.TextField(editable=False, default="")
    sort_key = models.TextField(editable=False, default="", db_index=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic concurrency: each update increments `version`; a stale form is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
