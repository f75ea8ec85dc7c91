"""The examples in the engine's docstrings stay true, and every public name is documented."""

from __future__ import annotations

import doctest
import importlib
import inspect

import pytest

MODULES = [
    "educluster.engines.effectiveness",
    "educluster.engines.effectiveness.errors",
    "educluster.engines.effectiveness.inputs",
    "educluster.engines.effectiveness.normalise",
    "educluster.engines.effectiveness.index",
    "educluster.engines.effectiveness.sensitivity",
]


@pytest.mark.parametrize("name", MODULES)
def test_it_keeps_every_docstring_example_true(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_it_documents_every_public_function() -> None:
    package = importlib.import_module("educluster.engines.effectiveness")
    for name in package.__all__:
        obj = getattr(package, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert (obj.__doc__ or "").strip(), name


def test_it_never_imports_django() -> None:
    import pathlib
    import re

    module = importlib.import_module("educluster.engines.effectiveness")
    root = pathlib.Path(str(module.__file__)).parent
    pattern = re.compile(r"^\s*(import|from)\s+(django|educluster\.(?!engines))", re.M)
    for path in root.rglob("*.py"):
        assert not pattern.search(path.read_text()), path
