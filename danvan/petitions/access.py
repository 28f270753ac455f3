"""Who reaches the kiến nghị registry (declared here, decided by core.access).

- By unit: memberships without a body see the items raised in their units and below.
- By body: a membership held for a body sees the items routed to it, now or earlier (every routing, transfer
  and link records the body in an event).
- By team: the leader and members of a working-group team see the items their team raised.
- Files: an item's files (core.Attachment) follow the item (core.attachments).
"""

from danvan.core.access import AnyOf, BodyOfficer, InScope, Member, Signed, register
from danvan.core.attachments import attachable
from danvan.core.permissions import Cap

from .models import ConclusionTask, Petition, ReviewConference, RoutingRule

TEAM_PEOPLE = ("leader__user", "members__user")

record = InScope("unit", Cap.RECORD_PETITIONS)
route = InScope("unit", Cap.ROUTE_PETITIONS)
handle = BodyOfficer("body", Cap.HANDLE_PETITIONS, unit_officers=True)
team = Member("team", TEAM_PEOPLE)
verdict = AnyOf(record, team)

register(
    Petition,
    read=AnyOf(
        InScope("unit", without_body=True, listed=True),
        BodyOfficer("body", history="events__body"),
        team,
    ),
    actions={
        "route": route,  # classify, route, transfer, hand down or up, pause
        "handle": handle,  # the responsible body answers
        "answer": AnyOf(handle, route),
        "verdict": verdict,  # the originating side agrees or disagrees with the answer
        "reply": AnyOf(handle, verdict),  # information supplied while the clock is paused
        "link": AnyOf(record, route),  # link to or unlink from a duplicate group
        "attach": AnyOf(record, handle, route),
    },
    related=("unit__type", "field", "body__unit", "team__group", "duplicate_of", "received_by"),
    note="kiến nghị",
)
# Its files (core.Attachment) follow it: read with the item, added with its "attach" action, at
# /kien-nghi/<pk>/tep/ (petitions:attachment_add) and /kien-nghi/<pk>/tep/<attachment_pk>/ (petitions:attachment).
attachable(Petition, namespace="petitions")
register(
    ReviewConference,
    read=InScope("unit"),
    actions={
        "carry_over": InScope("unit", Cap.ROUTE_PETITIONS),
        "manage": InScope("unit", Cap.ROUTE_PETITIONS),  # its record, its conclusion's tasks, their follow-up
    },
    related=("unit__type",),
)
# A task of a conference's conclusion is read with the conference; it is followed up by the committee.
register(
    ConclusionTask,
    read=InScope("conference__unit"),
    actions={"follow_up": InScope("conference__unit", Cap.ROUTE_PETITIONS)},
    related=("conference__unit__type", "owner_body", "owner_person"),
)
register(
    RoutingRule,
    read=Signed(),
    actions={"change": InScope("scope", Cap.MANAGE_ROUTING)},
    related=("scope__type", "field", "body", "origin_level"),
)
