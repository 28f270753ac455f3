"""Screens of the kiến nghị registry: the list, intake, one item with its actions, statistics, review
conferences, the working-day calendar and the routing rules."""
