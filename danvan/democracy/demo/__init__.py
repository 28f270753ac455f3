"""Demo grassroots democracy of Can Lộc. For 2016, under Ordinance 34/2007, all 23 communes: the yearly
contents publicised (most for 30 days or more, some skipped, some posted too briefly) and a few contents
published when they arose; people's inspection boards elected in 2015–2016 in most communes with their
inspections (some plans sent late, one result turned into a kiến nghị); village meetings on contributions,
self-managed matters and village conventions (mostly passed and recognised, a few rejected or left
unrecognised), a village-head election with a late notice and a dismissal followed by a new election;
consultations (one without its response report) and dialogues in three communes. For 2024, under Law
10/2022, thị trấn Nghèn: the twelve contents (one quarter of the budget not published, one list read on the
loudspeaker for only two days), an online vote, a village meeting, a village-head election, a board elected
for the five-year term with two inspections, a consultation on the draft democracy regulation and the yearly
dialogue. Names of people are generated and illustrative; none is a demo official.

Everything goes through the services as the system (actor None), deterministically (one seeded random).
A vote is filed under the village's commune of its day (every village has since moved to a commune of
2025), and a result is recognised only by a body of the right unit valid on the day of the vote.
"""

import random

from danvan.core import demo_data

from .boards import _boards_2016
from .common import KNOWN_HEADS, SEED, YEAR, D, Names, Ref
from .consultations import _consultations_2016, _dialogues_2016
from .decisions import _decisions_2016, _elections_2016
from .disclosures import _disclosures_2016
from .nghen_2024 import _nghen_2024


def load(ctx) -> None:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    ref = Ref()
    names = Names(rng)
    heads = {key: ctx.people[ref_].full_name for key, ref_ in KNOWN_HEADS.items()}
    for spec in demo_data.COMMUNES:
        commune = ctx.commune_on(spec["key"], D(YEAR, 6, 1))
        _disclosures_2016(ref, rng, spec["key"], commune)
    _boards_2016(ctx, rng, names)
    _decisions_2016(ctx, ref, rng, names, heads)
    _elections_2016(ctx, ref, rng, names, heads)
    _consultations_2016(ctx, ref)
    _dialogues_2016(ctx)
    _nghen_2024(ctx, ref, rng, names, heads)
