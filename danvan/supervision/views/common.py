"""What the screens of working groups share: quarters in query parameters, the parameters of an export."""

from danvan.core import dates


def _quarter_of(day):
    return day.year, (day.month - 1) // 3 + 1


def _quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def _parse_quarter(value: str | None):
    """ "2016-Q2" -> (2016, 2); anything else -> the current quarter."""
    try:
        year, quarter = value.upper().split("-Q")
        year, quarter = int(year), int(quarter)
        if 1900 <= year <= 2199 and 1 <= quarter <= 4:
            return year, quarter
    except (AttributeError, ValueError):
        pass
    return _quarter_of(dates.today())


def with_params(request, **values):
    """The request with the parameters its address carries (the group) added to its query string, so that an
    export rebuilt by the worker from the stored parameters (core.exporting) finds the same records."""
    params = request.GET.copy()
    for key, value in values.items():
        params[key] = str(value)
    request.GET = params
    return request
