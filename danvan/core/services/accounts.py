"""Writes to accounts and memberships, and the throttle on failed logins."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import Body, FailedLogin, Membership, Role, Unit
from ..permissions import Cap, require
from .common import check_period, fmt, optional_text, required_name, save_versioned

MEMBERSHIP_FIELDS = ["user", "role", "unit", "body", "valid_from", "valid_to", "note"]
User = get_user_model()


@transaction.atomic
def account_create(*, actor, username: str, full_name: str, email: str = "", password: str) -> "User":
    """An administrator opens an account; what it may do comes from its memberships."""
    require(actor, Cap.MANAGE_MEMBERSHIPS)
    username = required_name(username, "username", 150).lower()
    if " " in username:
        raise ValidationError({"username": _("Tên đăng nhập không được chứa khoảng trắng.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có.")})
    full_name = required_name(full_name, "full_name")
    user = User(username=username, email=optional_text(email, "email", 254))
    user.first_name = full_name[:150]
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save()
    audit.record_create(actor=actor, obj=user, fields=["username", "first_name", "email"])
    return user


@transaction.atomic
def membership_create(
    *,
    actor,
    user,
    role: Role,
    unit: Unit,
    body: Body | None = None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> Membership:
    """Give `user` a role over `unit` (and everything below it) for a period. The unit, and the body if
    given, must exist on the first day; a body must belong to that unit."""
    require(actor, Cap.MANAGE_MEMBERSHIPS, unit)
    check_period(valid_from, valid_to)
    if not unit.is_valid_on(valid_from) or (valid_to and not unit.is_valid_on(valid_to)):
        raise ValidationError(
            {
                "unit": _("%(unit)s không có hiệu lực trong thời gian này (hiệu lực %(a)s – %(b)s).")
                % {"unit": unit, "a": fmt(unit.valid_from), "b": fmt(unit.valid_to) or "nay"}
            }
        )
    if body is not None:
        if body.unit_id != unit.pk:
            raise ValidationError({"body": _("Cơ quan phải thuộc đơn vị đã chọn.")})
        if not body.is_valid_on(valid_from):
            raise ValidationError(
                {"body": _("%(body)s không có hiệu lực vào ngày %(day)s.") % {"body": body, "day": fmt(valid_from)}}
            )
    membership = Membership.objects.create(
        user=user,
        role=role,
        unit=unit,
        body=body,
        valid_from=valid_from,
        valid_to=valid_to,
        note=optional_text(note, "note", 500),
    )
    audit.record_create(actor=actor, obj=membership, fields=MEMBERSHIP_FIELDS, unit=unit)
    return membership


@transaction.atomic
def membership_end(
    *, actor, membership: Membership, expected_version: int | None, valid_to: datetime.date
) -> Membership:
    """End a membership on `valid_to` (inclusive). Its history stays."""
    require(actor, Cap.MANAGE_MEMBERSHIPS, membership.unit)
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    check_period(membership.valid_from, valid_to)
    membership.valid_to = valid_to
    save_versioned(membership, expected_version, ["valid_to"])
    audit.record_update(actor=actor, obj=membership, before=before, fields=MEMBERSHIP_FIELDS, unit=membership.unit)
    return membership


# --- Failed logins ---------------------------------------------------------------------------------------


def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def login_is_throttled(username: str, ip: str | None) -> bool:
    """True after LOGIN_MAX_FAILURES failures in the window for this user name, or from this address
    (three times as many, so that one office behind one address is not locked out by one person)."""
    recent = FailedLogin.objects.filter(at__gte=_window_start())
    if recent.filter(username=(username or "").lower()[:150]).count() >= settings.LOGIN_MAX_FAILURES:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= 3 * settings.LOGIN_MAX_FAILURES


def login_failed(username: str, ip: str | None) -> None:
    FailedLogin.objects.create(username=(username or "").lower()[:150], ip=ip or None)


def login_succeeded(username: str) -> None:
    FailedLogin.objects.filter(username=(username or "").lower()[:150]).delete()
    FailedLogin.objects.filter(at__lt=_window_start()).delete()
