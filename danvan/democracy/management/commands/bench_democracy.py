"""Measure the grassroots-democracy compliance computation at national scale: `make bench` (results go into
docs/benchmarks.md).

Builds the kiến nghị benchmark's synthetic country (34 provinces, ~3,300 communes, ~63,000 villages, roll-up table,
bodies) and a year of records in every commune (~25 per commune per unit of --scale: disclosures, village votes, a
consultation, a dialogue, the inspection board with its members and inspections) with `democracy/scale.py`, inside
a transaction that is rolled back, so nothing is left behind. Then times the compliance of 2024 (as seen on
26/11/2026) for one commune, for one province as the compliance page computes it (`communes_under` + `Ledger`), and
for the whole country (every commune valid on 31/12/2024), and the compliance page of that commune and that
province through Django's test client as a superuser. Medians of --repeat runs.
"""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core.models import Unit
from danvan.core.scale import country
from danvan.democracy import selectors
from danvan.democracy.scale import generate
from danvan.democracy.statistics import Ledger

YEAR = 2024
START, END = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
TODAY = datetime.date(2026, 11, 26)
SLOW_MS = 30_000  # a single run over 30 s is not repeated


class Rollback(Exception):
    pass


def get(client: Client, url: str):
    response = client.get(url, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: {response.status_code}")
    return response


def duties(results) -> str:
    due = sum(r.due for r in results)
    met = sum(r.met for r in results)
    return f"{len(results):,} communes, {due:,} duties ({100 * met / due if due else 0:.0f} % met)"


class Command(BaseCommand):
    help = "Đo tốc độ tính kết quả thực hiện dân chủ ở cơ sở ở quy mô toàn quốc (dữ liệu tổng hợp, tự hoàn tác)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="records per commune (1 = ~25 a year)")
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=98, help="communes per province")
        parser.add_argument("--villages", type=int, default=19, help="villages per commune")
        parser.add_argument("--repeat", type=int, default=3, help="runs per measure (the median is reported)")

    def handle(self, *args, scale, provinces, communes, villages, repeat, **options):
        self.repeat = repeat
        self.results = []
        try:
            with transaction.atomic():
                self.run(scale, provinces, communes, villages)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"\ndatabase: {connection.vendor}, scale {scale:g}\n")
        self.stdout.write("| measure | value |\n|---|---|")
        for name, value in self.results:
            self.stdout.write(f"| {name} | {value} |")

    def note(self, name, value):
        self.results.append((name, value))
        self.stdout.write(f"{name}: {value}")
        self.stdout.flush()

    def timed(self, name, fn, *, rows=None):
        """Median time of `fn` over --repeat runs (at most 3 when one run takes over a second, 1 over 30 s) and
        the queries of one run; `rows(result)` adds a count to the line."""
        runs, result = [], None

        def wanted():
            if not runs or runs[0] < 1000:
                return self.repeat
            return min(3, self.repeat) if runs[0] < SLOW_MS else 1

        while len(runs) < wanted():
            reset_queries()  # DEBUG keeps at most 9,000 queries; the generation filled the log
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                result = fn()
                runs.append((time.perf_counter() - began) * 1000)
        count = len(queries.captured_queries)
        count = f"≥{count:,}" if count >= connection.queries_limit else f"{count:,}"
        extra = f", {rows(result)}" if rows else ""
        single = " (1 run)" if len(runs) == 1 < self.repeat else ""
        self.note(name, f"{statistics.median(runs):,.0f} ms{single}, {count} queries{extra}")
        return result

    def run(self, scale, n_provinces, n_communes, n_villages):
        began = time.perf_counter()
        land = country(provinces=n_provinces, communes=n_communes, villages=n_villages)
        self.note("generate the country (units, roll-up table, bodies)", f"{time.perf_counter() - began:.0f} s")
        began = time.perf_counter()
        sizes = generate(land=land, year=YEAR, scale=scale)
        self.note(f"generate the records of {YEAR} (bulk_create)", f"{time.perf_counter() - began:.0f} s")
        self.note("rows", ", ".join(f"{k} {v:,}" for k, v in {**land.sizes, **sizes}.items()))
        if connection.vendor == "postgresql":
            # Autovacuum would analyse the new rows in production; it cannot see them inside this transaction.
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.note("ANALYZE", f"{time.perf_counter() - began:.0f} s")

        province = land.provinces[min(5, len(land.provinces) - 1)]
        commune = next(c for c in land.communes if c.parent_id == province.pk)
        user = get_user_model().objects.create_user("bench-democracy-national", is_superuser=True)
        day = min(END, TODAY)

        self.timed(
            "one commune: Ledger([commune]).results()",
            lambda: Ledger([commune], START, END, TODAY).results(),
            rows=duties,
        )

        def province_page():
            communes = selectors.communes_under(province, day, user)
            return Ledger(communes, START, END, TODAY).results()

        self.timed("one province: communes_under + Ledger(...).results()", province_page, rows=duties)

        def national_communes():
            rows = Unit.objects.valid_on(day).filter(level__code="commune").select_related("type", "parent__type")
            return list(rows.order_by("sort_key"))

        communes = self.timed(
            f"country: communes valid on {day:%d/%m/%Y}", national_communes, rows=lambda r: f"{len(r):,}"
        )
        ledger = self.timed(
            "country: load (Ledger(...))",
            lambda: Ledger(communes, START, END, TODAY),
            rows=lambda r: (
                f"{sum(map(len, r.disclosures.values())):,} disclosures, "
                f"{sum(map(len, r.decisions.values())):,} decisions"
            ),
        )
        self.timed("country: evaluate (.results())", ledger.results, rows=duties)
        self.timed(
            "country: whole (communes + Ledger(...).results())",
            lambda: Ledger(national_communes(), START, END, TODAY).results(),
            rows=duties,
        )

        client = Client()
        client.force_login(user)
        url = reverse("democracy:compliance")
        period = f"tu_ngay={START:%d/%m/%Y}&den_ngay={END:%d/%m/%Y}"
        for label, unit in (("commune", commune), ("province", province)):
            self.timed(
                f"GET compliance page, one {label} ({YEAR})",
                lambda u=unit: get(client, f"{url}?don_vi={u.pk}&{period}"),
                rows=lambda r: f"{len(r.content) / 1024:,.0f} kB",
            )
