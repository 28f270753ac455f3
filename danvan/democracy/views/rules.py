"""The rules in force (reference data)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from danvan.core import access, dates
from danvan.core.permissions import Cap

from ..models import DecisionMatter, RuleSet
from .common import _int

# --- The rules ----------------------------------------------------------------------------------------------


@login_required
def rules(request):
    rule_sets = RuleSet.objects.order_by("valid_from")
    selected = _int(request.GET.get("van_ban"))
    current = next((r for r in rule_sets if r.pk == selected), None) or RuleSet.objects.valid_on(dates.today()).first()
    current = current or rule_sets.last()
    return render(
        request,
        "democracy/rules.html",
        {
            "rule_sets": rule_sets,
            "current": current,
            "items": current.items.prefetch_related("channels") if current else [],
            "matters": DecisionMatter.objects.filter(rule_set=current).prefetch_related("rules") if current else [],
            "consultation_matters": current.consultation_matters.all() if current else [],
            "consultation_channels": current.consultation_channels.all() if current else [],
            "is_admin": access.can_somewhere(request.user, Cap.MANAGE_REFERENCE),
        },
    )
