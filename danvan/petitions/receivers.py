"""The registry takes in what the working groups raise (supervision.signals.items_raised)."""


def adopt_raised_items(sender, items, actor, **kwargs):
    from .services import petitions_adopt_raised

    petitions_adopt_raised(actor=actor, items=items)
