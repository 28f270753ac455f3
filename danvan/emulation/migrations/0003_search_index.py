from django.db import migrations

from danvan.core.search import index_operation


class Migration(migrations.Migration):
    dependencies = [("emulation", "0002_seed_reference_data")]

    operations = [index_operation("emulation_initiative")]
