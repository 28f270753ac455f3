"""What the registry's screens share: reading numbers from the request."""


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _version(request) -> int | None:
    return _int(request.POST.get("version"))
