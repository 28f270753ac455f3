"""Measure working-group screens at province scale (issue: 70 communes, 12 months, ~1,500 cells).

Builds the data in a transaction that is rolled back; prints a table for docs/benchmarks.md."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.supervision import statistics as stats
from danvan.supervision.scale import generate


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo tốc độ các màn hình chỉ đạo cơ sở ở quy mô một tỉnh (dữ liệu tổng hợp, tự hoàn tác)."

    def handle(self, *args, **options):
        rows = []
        try:
            with transaction.atomic():
                began = time.perf_counter()
                group, sizes = generate()
                rows.append(("generate", f"{time.perf_counter() - began:.1f} s ({sizes})"))
                rows += self.measure(group)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(f"database: {connection.vendor}\n\n| measure | value |\n|---|---|")
        for name, value in rows:
            self.stdout.write(f"| {name} | {value} |")

    def measure(self, group):
        results = []

        def timed(name, fn):
            runs = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    fn()
                    runs.append((time.perf_counter() - began) * 1000)
            results.append((name, f"{statistics.median(runs):.0f} ms, {len(queries.captured_queries)} queries"))

        timed(
            "completeness matrix, 70 communes × 12 months (selector)",
            lambda: stats.completeness(group=group, year=2016),
        )
        timed("coverage, 1 quarter (selector)", lambda: stats.coverage(group=group, year=2016, quarter=2))
        admin = get_user_model().objects.create_user("bench-admin", is_superuser=True)
        client = Client()
        client.force_login(admin)
        for name, url in [
            ("GET matrix page", f"/doan-cong-tac/{group.pk}/bao-cao-thang/?nam=2016"),
            ("GET coverage page", f"/doan-cong-tac/{group.pk}/bao-phu/?quy=2016-Q2"),
            ("GET dashboard", "/"),
        ]:
            timed(name, lambda u=url: client.get(u, HTTP_HOST="127.0.0.1"))
        return results
