import pytest

from danvan.core.access import loader_actor
from danvan.core.errors import ConflictError
from danvan.core.models import AppendOnlyError, AuditEntry
from danvan.core.services import orgs


def test_create_and_update_record_who_what_and_each_changed_field(world):
    editor = world.users["editor_a"]
    person = orgs.person_create(actor=editor, full_name="Hồ Thị Lan", unit=world.commune_a, phone="0912")
    orgs.person_update(
        actor=editor,
        person=person,
        expected_version=person.version,
        full_name="Hồ Thị Lan",
        unit=world.commune_a,
        phone="0913",
    )
    created, updated = AuditEntry.objects.filter(object_id=str(person.pk), content_type__model="person").order_by("id")
    assert (
        created.action == "create" and created.actor == editor and created.changes["full_name"] == [None, "Hồ Thị Lan"]
    )
    assert updated.action == "update" and updated.changes == {"phone": ["0912", "0913"]}
    assert updated.unit == world.commune_a


def test_the_audit_trail_cannot_be_edited_or_deleted(world):
    entry = AuditEntry.objects.first()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_a_stale_edit_is_refused_and_changes_nothing(world):
    person = world.person_a
    stale = person.version
    orgs.person_update(
        actor=loader_actor(),
        person=person,
        expected_version=stale,
        full_name="Nguyễn Thị An Bình",
        unit=world.commune_a,
    )
    entries = AuditEntry.objects.count()
    with pytest.raises(ConflictError):
        orgs.person_update(
            actor=loader_actor(),
            person=type(person).objects.get(pk=person.pk),
            expected_version=stale,
            full_name="Ghi đè",
            unit=world.commune_a,
        )
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Thị An Bình"
    assert AuditEntry.objects.count() == entries
