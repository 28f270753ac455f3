"""Screens for working groups: list, set-up by decision, teams, assignments, attendance, coverage."""
