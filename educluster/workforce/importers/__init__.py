"""XLSX/CSV importers of the workforce app (template → preview → per-row errors → confirm),
registered with ``educluster.imports``; importing this package registers them."""

from educluster.workforce.importers import positions, reference  # noqa: F401
