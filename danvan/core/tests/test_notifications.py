from django.core import mail
from django.urls import reverse

from danvan.core.models import Notification
from danvan.core.notifications import notify


def test_a_notification_is_shown_and_e_mailed_once_by_the_background_task(world, django_capture_on_commit_callbacks):
    user = world.users["viewer_a"]
    user.email = "viewer@example.vn"
    user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], title="Quá hạn báo cáo", body="Tổ 1 chưa gửi", url="/doan-cong-tac/bao-cao/", key="k1")
        notify([user], title="Quá hạn báo cáo", body="Tổ 1 chưa gửi", key="k1")  # the same key: not again
    assert Notification.objects.filter(user=user).count() == 1
    assert [m.subject for m in mail.outbox] == ["Quá hạn báo cáo"] and mail.outbox[0].to == ["viewer@example.vn"]
    assert Notification.objects.get(user=user).emailed_at is not None


def test_the_bell_counts_unread_and_opening_marks_read(world, client_for):
    user = world.users["viewer_a"]
    [notification] = notify([user], title="Có kiến nghị mới", url=reverse("core:home"))
    client = client_for("viewer_a")
    assert "Có kiến nghị mới" in client.get(reverse("core:notification_list")).content.decode()
    response = client.post(reverse("core:notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("core:home")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_users_notification_is_not_found_and_stays_unread(world, client_for):
    [notification] = notify([world.users["viewer_a"]], title="Riêng tư")
    assert client_for("user_b").post(reverse("core:notification_open", args=[notification.pk])).status_code == 404
    assert client_for("user_b").get(reverse("core:notification_open", args=[notification.pk])).status_code == 405
    assert client_for("anonymous").post(reverse("core:notification_read_all")).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_external_link_in_a_notification_is_not_followed(world, client_for):
    [notification] = notify([world.users["viewer_a"]], title="x", url="https://evil.example/")
    response = client_for("viewer_a").post(reverse("core:notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("core:notification_list")
