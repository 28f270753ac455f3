"""Measure the kiến nghị registry at national scale: `make bench` (results go into docs/benchmarks.md).

Builds the core benchmark's synthetic country (34 provinces, ~3,300 communes, ~63,000 villages), its bodies and
N items (100,000 on SQLite, 1,000,000 on PostgreSQL unless --items says otherwise) with `petitions/scale.py`,
inside a transaction that is rolled back, so nothing is left behind. Then times, as users of one province see
them, the list's first page, a filter, a search and the statistics: selectors and statistics functions directly,
and the pages through Django's test client (in-process, no network). Medians of --repeat runs.
"""

import datetime
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core import access, dates
from danvan.core.models import Membership, MonitoringField, Role
from danvan.core.scale import START, country
from danvan.petitions import selectors
from danvan.petitions import statistics as stats
from danvan.petitions.models import Petition
from danvan.petitions.scale import generate

DEFAULT_ITEMS = {"sqlite": 100_000, "postgresql": 1_000_000}


class Rollback(Exception):
    pass


def get(client: Client, url: str):
    response = client.get(url, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise AssertionError(f"GET {url}: {response.status_code}")
    return response


class Command(BaseCommand):
    help = "Đo tốc độ sổ kiến nghị ở quy mô toàn quốc (dữ liệu tổng hợp, tự hoàn tác khi xong)."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, help="kiến nghị to generate (100,000 on SQLite, 1,000,000 on PG)")
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=98, help="communes per province")
        parser.add_argument("--villages", type=int, default=19, help="villages per commune")
        parser.add_argument("--repeat", type=int, default=5, help="runs per measure (the median is reported)")

    def handle(self, *args, items, provinces, communes, villages, repeat, **options):
        items = items or DEFAULT_ITEMS.get(connection.vendor, 100_000)
        self.repeat = repeat
        self.results = []
        try:
            with transaction.atomic():
                self.run(items, provinces, communes, villages)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"\ndatabase: {connection.vendor}, {items:,} items\n")
        self.stdout.write("| measure | value |\n|---|---|")
        for name, value in self.results:
            self.stdout.write(f"| {name} | {value} |")

    def note(self, name, value):
        self.results.append((name, value))
        self.stdout.write(f"{name}: {value}", ending="\n")
        self.stdout.flush()

    def timed(self, name, fn, *, rows=None):
        """Median time of `fn` over --repeat runs (3 when one run takes over a second) and the queries of one
        run; `rows(result)` adds a count to the line."""
        runs, result = [], None
        while len(runs) < (self.repeat if not runs or runs[0] < 1000 else min(3, self.repeat)):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                result = fn()
                runs.append((time.perf_counter() - began) * 1000)
        extra = f", {rows(result)}" if rows else ""
        self.note(name, f"{statistics.median(runs):.0f} ms, {len(queries.captured_queries)} queries{extra}")

    def run(self, items, n_provinces, n_communes, n_villages):
        began = time.perf_counter()
        land = country(provinces=n_provinces, communes=n_communes, villages=n_villages)
        self.note("generate the country (units, roll-up table, bodies)", f"{time.perf_counter() - began:.0f} s")
        began = time.perf_counter()
        land, sizes = generate(items=items, land=land)
        self.note(f"generate {items:,} items with their events", f"{time.perf_counter() - began:.0f} s")
        self.note("rows", ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
        if connection.vendor == "postgresql":
            # Autovacuum would analyse the new rows in production; it cannot see them inside this transaction.
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.note("ANALYZE", f"{time.perf_counter() - began:.0f} s")

        province = land.provinces[min(5, len(land.provinces) - 1)]
        commune = next(c for c in land.communes if c.parent_id == province.pk)
        department = land.bodies[province.pk]["construction"]
        roles = {r.code: r for r in Role.objects.all()}
        User = get_user_model()
        users = {
            "province standing committee": User.objects.create_user("bench-pet-province"),
            "commune officer": User.objects.create_user("bench-pet-commune"),
            "Sở Xây dựng officer": User.objects.create_user("bench-pet-body"),
            "superuser": User.objects.create_user("bench-pet-national", is_superuser=True),
        }
        for user, role, unit, body in (
            (users["province standing committee"], "standing_committee", province, None),
            (users["commune officer"], "commune_officer", commune, None),
            (users["Sở Xây dựng officer"], "body_officer", province, department),
        ):
            Membership.objects.create(user=user, role=roles[role], unit=unit, body=body, valid_from=START)
        for label, user in users.items():
            self.note(f"{label}: items visible", f"{access.visible(user, Petition).count():,}")

        page = settings.PAGE_SIZE
        list_url = reverse("petitions:list")

        def first_page(user, filters):
            rows = selectors.listing(user=user, filters=filters, sort="received")
            return rows.count(), list(rows[:page])

        def hits(result):
            return f"{result[0]:,} rows"

        clients = {}
        for label, user in users.items():
            clients[label] = client = Client()
            client.force_login(user)
            self.timed(f"{label}: list, first page (selector: count + {page} rows)", lambda u=user: first_page(u, {}))
            self.timed(f"{label}: GET list page", lambda c=client: get(c, list_url))

        economy = MonitoringField.objects.get(code="economy")
        overdue = {"state": "in_progress", "field": economy.pk, "overdue": True}
        query = f"trang_thai=in_progress&linh_vuc={economy.pk}&qua_han=1"
        for label in ("province standing committee", "superuser"):
            user, client = users[label], clients[label]
            self.timed(
                f"{label}: filter in progress + economy + overdue (selector)",
                lambda u=user: first_page(u, overdue),
                rows=hits,
            )
            self.timed(f"{label}: GET list ?{query}", lambda c=client: get(c, f"{list_url}?{query}"))
            self.timed(
                f'{label}: search "duong giao thong" (selector)',
                lambda u=user: first_page(u, {"q": "duong giao thong"}),
                rows=hits,
            )
            self.timed(
                f"{label}: GET list ?q=duong+giao+thong",
                lambda c=client: get(c, f"{list_url}?q=duong+giao+thong"),
            )

        day = dates.today()
        start, end = datetime.date(day.year, 1, 1), day
        stats_url = reverse("petitions:statistics")
        for label in ("province standing committee", "superuser"):
            user, client = users[label], clients[label]
            self.timed(
                f"{label}: statistics by body, {day.year} (function)",
                lambda u=user: stats.by_body(user=u, start=start, end=end),
                rows=lambda r: f"{len(r[0]):,} bodies",
            )
            self.timed(
                f"{label}: statistics by commune, {day.year} (function)",
                lambda u=user: stats.by_unit(user=u, start=start, end=end),
                rows=lambda r: f"{len(r[0]):,} communes",
            )
            for by in ("co-quan", "don-vi"):
                self.timed(
                    f"{label}: GET statistics ?theo={by}",
                    lambda c=client, b=by: get(c, f"{stats_url}?theo={b}"),
                )
