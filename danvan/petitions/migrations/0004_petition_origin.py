"""Kiến nghị keep a generic link to the record that raised them (origin) instead of one foreign key per
module (monthly report, cell-meeting attendance, field activity, the team's raised item). Add, backfill from
the old links (with the label the item's page shows), then drop the old links."""

import django.db.models.deletion
from django.db import migrations, models

from danvan.core.search import index_operation


def _label(kind, record):
    if kind == "monthlyreport":
        return f"Báo cáo tháng {record.period:%m/%Y} của {record.team.name}"
    if kind == "cellmeetingattendance":
        return f"Dự sinh hoạt chi bộ {record.cell.name} ngày {record.held_on:%d/%m/%Y}"
    return f"Hoạt động tại cơ sở ngày {record.held_on:%d/%m/%Y} của {record.team.name}"


def backfill(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    links = [
        ("report", "monthlyreport", ("report__team",)),
        ("attendance", "cellmeetingattendance", ("attendance__cell",)),
        ("activity", "activity", ("activity__team",)),
    ]
    for field, model, related in links:
        kind, _created = ContentType.objects.get_or_create(app_label="supervision", model=model)
        rows = (
            Petition.objects.filter(**{f"{field}__isnull": False}, origin_type__isnull=True)
            .select_related(field, *[r for r in related if "__" in r])
            .iterator(chunk_size=2000)
        )
        batch = []
        for petition in rows:
            record = getattr(petition, field)
            petition.origin_type_id, petition.origin_id = kind.pk, record.pk
            petition.origin_label = _label(model, record)[:300]
            batch.append(petition)
            if len(batch) >= 2000:
                Petition.objects.bulk_update(batch, ["origin_type", "origin_id", "origin_label"])
                batch = []
        if batch:
            Petition.objects.bulk_update(batch, ["origin_type", "origin_id", "origin_label"])


def restore(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for field, model in (
        ("report", "monthlyreport"),
        ("attendance", "cellmeetingattendance"),
        ("activity", "activity"),
    ):
        kind = ContentType.objects.filter(app_label="supervision", model=model).first()
        if kind is None:
            continue
        for petition in Petition.objects.filter(origin_type=kind).only("pk", "origin_id"):
            Petition.objects.filter(pk=petition.pk).update(**{f"{field}_id": petition.origin_id})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("petitions", "0003_search_index"),
        ("supervision", "0007_change_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="origin_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="petition",
            name="origin_label",
            field=models.CharField(blank=True, max_length=300, verbose_name="Nêu tại"),
        ),
        migrations.AddField(
            model_name="petition",
            name="origin_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.RunPython(backfill, restore),
        migrations.RemoveField(model_name="petition", name="activity"),
        migrations.RemoveField(model_name="petition", name="attendance"),
        migrations.RemoveField(model_name="petition", name="raised_item"),
        migrations.RemoveField(model_name="petition", name="report"),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["origin_type", "origin_id"], name="petition_origin"),
        ),
        # SQLite drops a column by remaking the table, which loses the search index's triggers: recreate them.
        index_operation("petitions_petition"),
    ]
