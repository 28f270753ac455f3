import datetime

from django_tasks import task

from . import services


@task()
def check_deadlines() -> dict:
    return services.petitions_check_deadlines()


@task()
def recompute_due_dates(day: str) -> int:
    """After a calendar edit: move the stored due dates that the edited day falls inside."""
    return services.recompute_due_dates(datetime.date.fromisoformat(day))
