"""Measure the foundation at national scale: `make bench` (results go into docs/benchmarks.md).

Builds 34 provinces, ~3,300 communes and ~63,000 villages in one transaction that is rolled back at the
end (nothing is left behind), rebuilds the roll-up table, and times the queries every page relies on.
Synthetic rows are bulk-inserted with the same folded text and sort keys the services compute.
"""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client

from danvan.core import permissions, selectors
from danvan.core.access import loader_actor
from danvan.core.models import Membership, Role, Unit, UnitType, UnitVersion
from danvan.core.scale import bulk_units
from danvan.core.scale import names as scale_names
from danvan.core.search import search
from danvan.core.services import units as unit_services

START = datetime.date(2016, 1, 1)


class Rollback(Exception):
    pass


def timed(fn, repeat=5):
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


class Command(BaseCommand):
    help = "Đo tốc độ nền tảng ở quy mô toàn quốc (dữ liệu tổng hợp, tự hoàn tác khi xong)."

    def add_arguments(self, parser):
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=98, help="communes per province")
        parser.add_argument("--villages", type=int, default=19, help="villages per commune")

    def handle(self, *args, provinces, communes, villages, **options):
        self.results = []
        try:
            with transaction.atomic():
                self.run(provinces, communes, villages)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"\ndatabase: {connection.vendor}\n")
        self.stdout.write("| measure | value |\n|---|---|")
        for name, value in self.results:
            self.stdout.write(f"| {name} | {value} |")

    def note(self, name, value):
        self.results.append((name, value))
        self.stdout.write(f"{name}: {value}")

    def run(self, n_provinces, n_communes, n_villages):
        names = scale_names()
        types = {t.code: t for t in UnitType.objects.select_related("level")}
        began = time.perf_counter()
        provinces = bulk_units([(f"Tỉnh {i:02d} {next(names)}", None) for i in range(n_provinces)], types["province"])
        communes = bulk_units([(next(names), p.pk) for p in provinces for _ in range(n_communes)], types["commune"])
        villages = bulk_units([(next(names), c.pk) for c in communes for _ in range(n_villages)], types["village"])
        total = len(provinces) + len(communes) + len(villages)
        self.note("units inserted", f"{total:,} ({len(communes):,} communes, {len(villages):,} villages)")
        self.note("bulk insert", f"{time.perf_counter() - began:.1f} s")

        began = time.perf_counter()
        rows = unit_services.rollup_rebuild()
        self.note("roll-up table full rebuild", f"{time.perf_counter() - began:.1f} s ({rows:,} rows)")

        # A reorganization in one province: merge three communes.
        target = communes[:3]
        began = time.perf_counter()
        unit_services.reorganization_create(
            actor=loader_actor(),
            kind="merge",
            legal_basis="BENCH",
            effective_date=datetime.date(2025, 7, 1),
            units=target,
            new_units=[{"name": "Hợp Nhất", "type": types["commune"]}],
        )
        self.note(
            "merge of 3 communes (with their villages) incl. roll-up update",
            f"{(time.perf_counter() - began) * 1000:.0f} ms",
        )

        user = get_user_model().objects.create_user("bench-province", password="x")  # noqa: S106
        Membership.objects.create(
            user=user,
            role=Role.objects.get(code="viewer"),
            unit=provinces[min(5, len(provinces) - 1)],
            valid_from=START,
        )
        national = get_user_model().objects.create_user("bench-national", password="x", is_superuser=True)  # noqa: S106

        scope = permissions.restrict(Unit.objects.all(), user, "pk")
        self.note(
            "province user: count units in scope", f"{timed(lambda: scope.count()):.1f} ms ({scope.count():,} units)"
        )
        page = selectors.unit_list(user=user, query="")
        self.note("province user: first page of the unit list", f"{timed(lambda: list(page[:25])):.1f} ms")
        for query in ["duong", "thuong an", "dong son"]:
            hits = search(Unit.objects.all(), query)
            self.note(
                f'search "{query}", first 20 hits of {hits.count():,}',
                f"{timed(lambda h=hits: list(h.order_by('sort_key')[:20])):.1f} ms",
            )
        scoped = selectors.unit_list(user=user, query="duong")
        self.note('province user: search "duong" in scope, first page', f"{timed(lambda: list(scoped[:25])):.1f} ms")

        day = datetime.date(2026, 1, 1)
        per_province = selectors.rollup_filter(UnitVersion.objects.all(), "unit", as_of=day, level_code="province")
        self.note(
            "roll up all unit versions to provinces (GROUP BY in the database)",
            f"{timed(lambda: list(per_province.values('rollup_unit_id').annotate(n=Count('id')).order_by())):.0f} ms",
        )
        self.note(
            "successors of a merged commune", f"{timed(lambda: selectors.unit_successors(target[0], as_of=day)):.1f} ms"
        )

        for who, label in ((user, "province user"), (national, "superuser")):
            client = Client()
            client.force_login(who)
            for url in ["/don-vi/", "/don-vi/?q=duong", "/", "/don-vi/cay/"]:
                self.note(
                    f"{label}: GET {url} (test client, median of 5)",
                    f"{timed(lambda c=client, u=url: c.get(u, HTTP_HOST='127.0.0.1')):.0f} ms",
                )
