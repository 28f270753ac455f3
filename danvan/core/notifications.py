"""Notify users in the application and by e-mail (a background task through Django's mail framework)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification


def notify(users: Iterable, *, title: str, body: str = "", url: str = "", key: str = "") -> list[Notification]:
    """Create one notification per user (skipping users who already got `key`) and e-mail them after commit."""
    created = []
    for user in {u for u in users if u is not None and u.is_active}:
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(user=user, title=title[:300], body=body, url=url, key=key[:200])
                )
        except IntegrityError:  # this reminder was already sent to this user
            continue
    ids = [n.pk for n in created if n.user.email]
    if ids:
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Send the e-mail of each notification once (the worker may retry a task)."""
    sent = 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    for notification in Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related(
        "user"
    ):
        link = f"\n\n{base}{notification.url}" if notification.url else ""
        send_mail(notification.title, f"{notification.body}{link}", None, [notification.user.email])
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
