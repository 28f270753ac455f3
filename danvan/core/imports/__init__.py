"""Bulk imports into core: the official list of administrative units (`units_import`).

- `rows`: one unit of a list (code, name, type, parent code, dates, predecessors) and the type names.
- `packaged`: the lists before and after 1/7/2025 and the 2025 arrangement, read from the data files of
  vietnamadminunits (MIT; installed without its dependencies, never imported).
- `files`: a CSV/Excel file in the official export layout, checked row by row.
- `workspace`: the unit tree in memory, changed and written back in bulk.
- `units`: the import itself (access, one transaction, one audit entry, one roll-up rebuild).
"""

from .units import ImportResult, units_import

__all__ = ["ImportResult", "units_import"]
