"""The code version stored with every forecast run."""

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

import educluster.engines.forecast as engine_package

#: Version of the snapshot layout read by ``compute.forecast_input``.
SNAPSHOT_FORMAT = 1


def _tree_hash(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> dict[str, str | int]:
    """App version, SHA-256 of the engine package's source files (tests excluded) and of the
    snapshot reader, and the NumPy version — everything a snapshot's results depend on."""
    engine_root = Path(engine_package.__file__).parent
    engine_files = [p for p in engine_root.rglob("*.py") if "tests" not in p.parts]
    here = Path(__file__).parent
    try:
        app = metadata.version("educluster")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        app = "unknown"
    return {
        "app": app,
        "engine_sha256": _tree_hash(engine_root, engine_files),
        "adapter_sha256": _tree_hash(here, [here / "compute.py"]),
        "numpy": np.__version__,
        "snapshot_format": SNAPSHOT_FORMAT,
    }
