"""Measure the "Dân vận khéo" statistics and list at national scale: `make bench` (results go into
docs/benchmarks.md).

Builds the kiến nghị benchmark's synthetic country (34 provinces, ~3,300 communes, ~63,000 villages, roll-up table,
provincial bodies) and N initiatives of 2019–2025 (100,000 on SQLite, 1,000,000 on PostgreSQL unless --count says
otherwise) with `emulation/scale.py`, inside a transaction that is rolled back, so nothing is left behind. Then
times, for a national superuser, a province user and a commune user, the whole report of 2024 and each of its
tables (with and without a province `unit`), the list's first page and a search. Medians of --repeat runs.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from danvan.core import access
from danvan.core.models import Membership, Role
from danvan.core.scale import START, country
from danvan.emulation import selectors
from danvan.emulation import statistics as stats
from danvan.emulation.models import Initiative
from danvan.emulation.scale import generate

DEFAULT_COUNT = {"sqlite": 100_000, "postgresql": 1_000_000}
YEAR = 2024
PAGE = 50


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo tốc độ thống kê và danh sách Dân vận khéo ở quy mô toàn quốc (dữ liệu tổng hợp, tự hoàn tác khi xong)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, help="initiatives to generate (100,000 on SQLite, 1,000,000 on PG)")
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=98, help="communes per province")
        parser.add_argument("--villages", type=int, default=19, help="villages per commune")
        parser.add_argument("--repeat", type=int, default=3, help="runs per measure (the median is reported)")

    def handle(self, *args, count, provinces, communes, villages, repeat, **options):
        count = count or DEFAULT_COUNT.get(connection.vendor, 100_000)
        self.repeat = repeat
        self.results = []
        try:
            with transaction.atomic():
                self.run(count, provinces, communes, villages)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"\ndatabase: {connection.vendor}, {count:,} initiatives\n")
        self.stdout.write("| measure | value |\n|---|---|")
        for name, value in self.results:
            self.stdout.write(f"| {name} | {value} |")

    def note(self, name, value):
        self.results.append((name, value))
        self.stdout.write(f"{name}: {value}")
        self.stdout.flush()

    def timed(self, name, fn, *, rows=None):
        """Median time of `fn` over --repeat runs (at most 3 when one run takes over a second) and the queries of
        one run; `rows(result)` adds a count to the line."""
        runs, result = [], None
        while len(runs) < (self.repeat if not runs or runs[0] < 1000 else min(3, self.repeat)):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                result = fn()
                runs.append((time.perf_counter() - began) * 1000)
        extra = f", {rows(result)}" if rows else ""
        self.note(name, f"{statistics.median(runs):.0f} ms, {len(queries.captured_queries)} queries{extra}")

    def run(self, count, n_provinces, n_communes, n_villages):
        began = time.perf_counter()
        land = country(provinces=n_provinces, communes=n_communes, villages=n_villages)
        self.note("generate the country (units, roll-up table, bodies)", f"{time.perf_counter() - began:.0f} s")
        began = time.perf_counter()
        sizes = generate(items=count, land=land)
        self.note(f"generate {count:,} initiatives with their awards", f"{time.perf_counter() - began:.0f} s")
        self.note("rows", ", ".join(f"{k} {v:,}" for k, v in {**land.sizes, **sizes}.items()))
        if connection.vendor == "postgresql":
            # Autovacuum would analyse the new rows in production; it cannot see them inside this transaction.
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.note("ANALYZE", f"{time.perf_counter() - began:.0f} s")

        province = land.provinces[min(5, len(land.provinces) - 1)]
        commune = next(c for c in land.communes if c.parent_id == province.pk)
        roles = {r.code: r for r in Role.objects.all()}
        User = get_user_model()
        users = {
            "superuser": User.objects.create_user("bench-emul-national", is_superuser=True),
            "province viewer": User.objects.create_user("bench-emul-province"),
            "commune officer": User.objects.create_user("bench-emul-commune"),
        }
        Membership.objects.create(user=users["province viewer"], role=roles["viewer"], unit=province, valid_from=START)
        Membership.objects.create(
            user=users["commune officer"], role=roles["commune_officer"], unit=commune, valid_from=START
        )
        for label, user in users.items():
            visible = access.visible(user, Initiative)
            self.note(
                f"{label}: initiatives visible (all years / {YEAR})",
                f"{visible.count():,} / {visible.filter(year=YEAR).count():,}",
            )

        functions = {
            "report (5 tables + trend)": stats.report,
            "A by_field": stats.by_field,
            "B by_registrant": stats.by_registrant,
            "C by_level": stats.by_level,
            "D awards": stats.awards,
            "E year_on_year": stats.year_on_year,
            "trend": stats.trend,
        }
        for label, user in users.items():
            for unit_label, unit in (("", None), (" unit=province", province)):
                for name, fn in functions.items():
                    self.timed(
                        f"{label}: {name}{unit_label}", lambda f=fn, u=user, un=unit: f(user=u, year=YEAR, unit=un)
                    )

        def page(user, filters):
            return list(selectors.listing(user=user, filters=filters, sort="year")[:PAGE])

        def count_(user, filters):
            return selectors.listing(user=user, filters=filters, sort="year").count()

        for label, user in users.items():
            self.timed(
                f"{label}: list, first {PAGE} rows (sort=year)", lambda u=user: page(u, {}), rows=lambda r: f"{len(r)}"
            )
            self.timed(f"{label}: list count", lambda u=user: count_(u, {}), rows=lambda r: f"{r:,} rows")
            self.timed(
                f'{label}: search "dan van", first {PAGE} rows',
                lambda u=user: page(u, {"q": "dan van"}),
                rows=lambda r: f"{len(r)}",
            )
            self.timed(
                f'{label}: search "dan van", count',
                lambda u=user: count_(u, {"q": "dan van"}),
                rows=lambda r: f"{r:,} rows",
            )
