"""Measure the quarterly report (issue 14): a commune's and a province's figures and whole generation (figures,
Word, PDF, register), with their query counts, and the PDF rendering of a long report (the province's, with the
annex of overdue kiến nghị). `make bench` runs `python bench/quarterly_report.py`; results go into docs/benchmarks.md.
It lives outside the danvan package because, like the tests, it composes the data builders (`scale`) of several
apps, which the house rule keeps apps from importing from one another.

Builds one province of the kiến nghị benchmark's country (`core.scale.country`), its kiến nghị, Dân vận khéo and
grassroots-democracy records (the apps' scale modules) and working groups (`bench/documents_scale.py`) in a
transaction that is rolled back; the generated files go to a temporary media folder that is removed."""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __name__ == "__main__":  # run as a script from the checkout: the project on the path, Django set up
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()

import documents_scale as scale  # bench/documents_scale.py: the script's directory is on the path
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from danvan.core import scale as core_scale
from danvan.democracy import scale as democracy_scale
from danvan.documents import builders
from danvan.documents import services as document_services
from danvan.documents.builders import quarter_figures as figures_module
from danvan.documents.engine import docx as docx_backend
from danvan.documents.engine import pdf as pdf_backend
from danvan.emulation import scale as emulation_scale
from danvan.petitions import scale as petitions_scale
from danvan.supervision import statistics as supervision

REPORT = "bao-cao-quy-chi-dao-co-so"
YEAR, QUARTER = 2026, 1
HELD_ON = datetime.date(2026, 3, 25)


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo tốc độ lập báo cáo quý (cấp xã, cấp tỉnh) và dựng PDF dài (dữ liệu tổng hợp, tự hoàn tác khi xong)."

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=98)
        parser.add_argument("--villages", type=int, default=19)
        parser.add_argument("--groups", type=int, default=10)
        parser.add_argument("--items", type=int, default=30000, help="kiến nghị in the province (3 years)")
        parser.add_argument("--initiatives", type=int, default=3000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, communes, villages, groups, items, initiatives, repeat, **options):
        self.rows, self.repeat = [], repeat
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            try:
                with transaction.atomic():
                    self.run(communes, villages, groups, items, initiatives)
                    raise Rollback
            except Rollback:
                pass
        self.stdout.write(f"\ndatabase: {connection.vendor}\n\n| measure | value |\n|---|---|")
        for name, value in self.rows:
            self.stdout.write(f"| {name} | {value} |")

    def note(self, name, value):
        self.rows.append((name, value))
        self.stdout.write(f"{name}: {value}", ending="\n")
        self.stdout.flush()

    def timed(self, fn) -> tuple[float, int, object]:
        """Median seconds of `repeat` runs, the queries of the last run, the last result."""
        runs, result, count = [], None, 0
        for _ in range(self.repeat):
            connection.queries_log.clear()  # the log keeps 9,000 queries: a full one counts nothing
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                result = fn()
                runs.append(time.perf_counter() - began)
            count = len(queries.captured_queries)
        return statistics.median(runs), count, result

    def step(self, name, fn):
        began = time.perf_counter()
        result = fn()
        self.note(name, f"{time.perf_counter() - began:.1f} s ({getattr(result, 'sizes', result)})")
        return result

    def run(self, communes, villages, n_groups, items, initiatives):
        land = self.step(
            "generate the province (units, roll-up table, bodies)",
            lambda: core_scale.country(provinces=1, communes=communes, villages=villages),
        )
        self.step("party cells", lambda: scale.cells(land))
        self.step("kiến nghị", lambda: petitions_scale.generate(items=items, land=land)[1])
        self.step("Dân vận khéo", lambda: emulation_scale.generate(items=initiatives, land=land))
        self.step("dân chủ ở cơ sở (2026)", lambda: democracy_scale.generate(land=land, year=YEAR))
        province, commune = land.provinces[0], land.communes[0]
        first, sizes = scale.groups(land, count=1, year=YEAR)
        self.note("working groups (first)", str(sizes))
        province_conf = scale.conference(
            province, abbreviation="TU", name="Tỉnh ủy (thử)", year=YEAR, quarter=QUARTER, held_on=HELD_ON
        )
        commune_conf = scale.conference(
            commune, abbreviation="ĐU", name="Đảng ủy xã (thử)", year=YEAR, quarter=QUARTER, held_on=HELD_ON
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        user = get_user_model().objects.create_user("bench-documents", is_superuser=True)

        def figures(unit):
            return figures_module.quarter_figures(user=user, unit=unit, year=YEAR, quarter=QUARTER, as_of=HELD_ON)

        def generate(conference):
            template = builders.get(REPORT)
            record = template.load(user, conference.pk)
            options = {**builders.initial(template, record, template.issuer(record)), "signer_name": "Trần Văn A"}
            return document_services.document_generate(actor=user, template_code=REPORT, record=record, options=options)

        seconds, queries, f = self.timed(lambda: figures(province))
        self.note(
            "province, 1 group: figures (quarter_figures)",
            f"{seconds:.2f} s, {queries} queries ({len(f.groups)} groups, {len(f.democracy)} communes)",
        )
        more, sizes = scale.groups(land, count=n_groups - 1, first=2, year=YEAR)
        self.note("working groups (the others)", str(sizes))
        groups = [first[0], *more]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        documents = {}
        for label, unit, conference in (("commune", commune, commune_conf), ("province", province, province_conf)):
            seconds, queries, f = self.timed(lambda u=unit: figures(u))
            self.note(
                f"{label}: figures (quarter_figures)",
                f"{seconds:.2f} s, {queries} queries ({len(f.groups)} groups, {f.total('communes')} team communes, "
                f"{len(f.democracy)} communes, {f.overdue_count} overdue)",
            )
            seconds, queries, document = self.timed(lambda c=conference: generate(c))
            documents[label] = document
            version = document.versions.order_by("-number").first()
            self.note(
                f"{label}: whole report (figures, Word, PDF, register)",
                f"{seconds:.2f} s, {queries} queries, {version.pages} pages",
            )

        start, day = figures_module.quarter_bounds(YEAR, QUARTER)[0], HELD_ON

        def one_by_one():
            return [
                figures_module._group_figures(
                    g,
                    supervision.coverage(group=g, year=YEAR, quarter=QUARTER, until=day),
                    supervision.completeness(group=g, year=YEAR),
                    start,
                    day,
                )
                for g in groups
            ]

        def together():
            coverages = supervision.coverage_many(groups, year=YEAR, quarter=QUARTER, until=day)
            matrices = supervision.completeness_many(groups, year=YEAR)
            return [figures_module._group_figures(g, coverages[g.pk], matrices[g.pk], start, day) for g in groups]

        s1, q1, before = self.timed(one_by_one)
        s2, q2, after = self.timed(together)
        self.note(f"province: {len(groups)} groups' figures one group at a time (before)", f"{s1:.2f} s, {q1} queries")
        self.note(f"province: {len(groups)} groups' figures together (after)", f"{s2:.2f} s, {q2} queries")
        self.note("the same figures", str(before == after))

        template = builders.get(REPORT)
        record = template.load(user, province_conf.pk)
        document = documents["province"]
        doc = template.build(document, record, template.issuer(record), document.options)
        seconds, _q, (pdf, pages) = self.timed(lambda: pdf_backend.render(doc))
        self.note(
            "province report: PDF rendering (engine.pdf.render)", f"{seconds:.2f} s, {pages} pages, {len(pdf):,} bytes"
        )
        seconds, _q, word = self.timed(lambda: docx_backend.render(doc))
        self.note("province report: Word rendering (engine.docx.render)", f"{seconds:.2f} s, {len(word):,} bytes")


if __name__ == "__main__":
    from django.core.management import call_command

    call_command(Command(), *sys.argv[1:])
