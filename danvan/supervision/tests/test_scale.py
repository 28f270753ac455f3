"""The scale generator keeps working, and the matrix and coverage queries do not grow with the rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.supervision import statistics
from danvan.supervision.scale import generate


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_matrix_and_coverage_queries_stay_the_same_when_the_data_grows(db):
    small, sizes = generate(communes=4, villages=2, teams=2, seed=1)
    large, large_sizes = generate(communes=12, villages=5, teams=2, seed=2)
    assert large_sizes["cells"] > 5 * sizes["cells"] and large_sizes["reports"] > sizes["reports"]
    for fn in (
        lambda g: statistics.completeness(group=g, year=2016),
        lambda g: statistics.coverage(group=g, year=2016, quarter=2),
    ):
        assert queries(lambda: fn(small)) == queries(lambda: fn(large))
    rows = statistics.completeness(group=large, year=2016)["rows"]
    assert len(rows) == 12 and all(len(r.cells) == 12 for r in rows)
