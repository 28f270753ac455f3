"""Signals other modules listen to, so that supervision does not depend on them."""

from django.dispatch import Signal

# Sent inside the transaction that created them, with `items`: the new RaisedItem rows (kiến nghị registry).
items_raised = Signal()
