"""Who reaches the "Dân vận khéo" registry (declared here, decided by core.access): the registering unit's
scope. Registering units register and correct; the mass-mobilisation side above manages and evaluates."""

from django.db.models import Q

from danvan.core.access import AnyOf, InScope, Owner, Via, Where, register
from danvan.core.attachments import attachable
from danvan.core.permissions import Cap

from .models import (
    Award,
    CriteriaSheet,
    Evaluation,
    ImportJob,
    Initiative,
    PraiseConference,
    State,
)

register_ = InScope("unit", Cap.REGISTER_INITIATIVES)
manage = InScope("unit", Cap.MANAGE_EMULATION)
evaluate = InScope("unit", Cap.EVALUATE_INITIATIVES)

register(
    Initiative,
    read=InScope("unit", listed=True),
    actions={
        "register": register_,
        "manage": manage,  # approve, return, launch, review, conclude, award
        "evaluate": evaluate,
        "internal": AnyOf(evaluate, manage),  # evaluators' internal notes: never the registering unit
        # The registering unit corrects its registration while it is registered or returned; the committee
        # corrects it at any stage.
        "change": AnyOf(
            manage,
            Where(Q(state__in=[State.REGISTERED, State.RETURNED]), register_, "registered or returned"),
        ),
        "attach": AnyOf(register_, manage),
    },
    related=(
        "unit__type",
        "unit__parent__type",
        "field__group",
        "subject_type",
        "level",
        "body",
        "party_org",
        "replicates__unit__type",
        "continues",
        "created_by",
    ),
    note="Dân vận khéo",
)
# Files of an initiative (core.Attachment) follow it: read with it, added by its "attach" action.
attachable(Initiative, namespace="emulation")
register(Evaluation, read=Via("initiative"), actions={"change": Via("initiative", "evaluate")})
register(Award, read=Via("initiative"), actions={"change": Via("initiative", "manage")})
# Sheets issued by a unit in the user's scope or above it (a commune reads the district's sheets); issuing
# needs manage_emulation on the issuing unit.
register(
    CriteriaSheet,
    read=InScope("unit", above=True),
    actions={"change": InScope("unit", Cap.MANAGE_EMULATION)},
    related=("unit__type",),
)
register(
    PraiseConference,
    read=InScope("unit"),
    actions={"change": InScope("unit", Cap.MANAGE_EMULATION)},
    related=("unit__type",),
)
# An import job: only the account that started it (and superusers).
register(ImportJob, read=Owner("user"), actions={"change": Owner("user", Cap.REGISTER_INITIATIVES)})
