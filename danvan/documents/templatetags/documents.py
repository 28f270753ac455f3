"""Offers of the document register on other modules' pages, without their views knowing the register."""

from django import template

from ..builders import petition_answer
from ..selectors import documents_of

register = template.Library()


@register.inclusion_tag("documents/_petition_answer_offer.html", takes_context=True)
def petition_answer_offer(context, item):
    """On a kiến nghị's page: its answer letters the user reads, and the draft link when the user may draft one."""
    user = context["request"].user
    letters = documents_of(user=user, record=item).filter(template=petition_answer.CODE).order_by("-pk")[:5]
    return {"url": petition_answer.offer(user, item), "letters": list(letters)}
