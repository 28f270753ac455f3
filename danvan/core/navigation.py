"""The navigation menu. Each module registers its entries here from its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    icon: str
    section: str
    capability: str | None = None  # shown only to users who have this capability somewhere


_ENTRIES: list[MenuEntry] = []
_PANELS: list[tuple[int, Callable]] = []


def register(entry: MenuEntry) -> None:
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)


def register_panel(order: int, panel: Callable) -> None:
    """`panel(request) -> dict | None`: a dashboard panel with "title", "template" and its context."""
    if (order, panel) not in _PANELS:
        _PANELS.append((order, panel))


def panels(request) -> list[dict]:
    result = []
    for _order, panel in sorted(_PANELS, key=lambda item: item[0]):
        data = panel(request)
        if data:
            result.append(data)
    return result


def menu_for(request) -> list[dict]:
    from .permissions import caps_anywhere

    caps = caps_anywhere(request.user)
    sections: dict[str, list[dict]] = {}
    current = request.resolver_match.view_name if request.resolver_match else ""
    for entry in _ENTRIES:
        if entry.capability is not None and entry.capability not in caps:
            continue
        sections.setdefault(str(entry.section), []).append(
            {
                "label": entry.label,
                "url": reverse(entry.url_name),
                "icon": entry.icon,
                "active": current == entry.url_name,
            }
        )
    return [{"title": title, "entries": entries} for title, entries in sections.items()]


SECTION_MAIN = _("Chung")
SECTION_ORG = _("Địa bàn và tổ chức")
SECTION_ADMIN = _("Quản trị")
