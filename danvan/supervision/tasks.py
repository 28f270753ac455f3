from django_tasks import task

from . import services


@task()
def send_report_reminders() -> int:
    return services.report_reminders_send()
