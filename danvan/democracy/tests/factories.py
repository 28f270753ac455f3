"""Records of grassroots democracy for tests, through the services (actor None = the system)."""

import datetime

from danvan.core.access import loader_actor
from danvan.democracy import services
from danvan.democracy.models import DecisionMatter, DisclosureChannel, DisclosureItem

D = datetime.date


def matter(code: str) -> DecisionMatter:
    return DecisionMatter.objects.get(code=code)


def item(code: str) -> DisclosureItem:
    return DisclosureItem.objects.get(code=code)


def channel(code: str) -> DisclosureChannel:
    return DisclosureChannel.objects.get(code=code)


def vote(world, **overrides):
    """A village meeting of 200 households in village A1 on 10/03/2024 under Law 10/2022 (matter 6)."""
    data = {
        "place": world.village_a1,
        "matter": matter("qd-06"),
        "title": "Xây dựng quy ước giữ gìn vệ sinh đường làng",
        "held_on": D(2024, 3, 10),
        "form": "meeting",
        "basis": "households",
        "total": 200,
        "present": 160,
        "votes_for": 101,
        "votes_against": 40,
        "method": "hands",
        "chair": "Lê Văn Trưởng",
    }
    actor = overrides.pop("actor", None) or loader_actor()
    data.update(overrides)
    return services.decision_create(actor=actor, **data)


def disclosure(
    world, code="cc-01", *, start=D(2024, 1, 10), days=30, channels=("niem-yet",), loudspeaker=None, **extra
):
    data = {
        "unit": world.commune_a,
        "item": item(code),
        "title": "Kế hoạch phát triển kinh tế - xã hội năm 2024",
        "channels": [channel(c) for c in channels],
        "started_on": start,
        "ended_on": start + datetime.timedelta(days=days - 1),
        "loudspeaker_days": loudspeaker,
    }
    actor = extra.pop("actor", None) or loader_actor()
    data.update(extra)
    return services.disclosure_create(actor=actor, **data)


def board_members(n: int, *, prefix="Thành viên"):
    return [{"full_name": f"{prefix} số {i + 1}", "role": "head" if i == 0 else "member"} for i in range(n)]
