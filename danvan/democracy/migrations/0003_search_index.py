from django.db import migrations

from danvan.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("democracy", "0002_seed_rule_sets")]

    operations = [
        index_operation("democracy_disclosure"),
        index_operation("democracy_communitydecision"),
        index_operation("democracy_consultation"),
        index_operation("democracy_dialogue"),
    ]
