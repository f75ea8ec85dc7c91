"""The examples in the engine's docstrings stay true."""

from __future__ import annotations

import doctest
import importlib
import inspect

import pytest

MODULES = [
    "educluster.engines.stats",
    "educluster.engines.stats.compare",
    "educluster.engines.stats.descriptive",
    "educluster.engines.stats.did",
    "educluster.engines.stats.errors",
    "educluster.engines.stats.interpret",
    "educluster.engines.stats.paired",
    "educluster.engines.stats.power",
    "educluster.engines.stats.reliability",
    "educluster.engines.stats.study",
]


@pytest.mark.parametrize("name", MODULES)
def test_it_keeps_every_docstring_example_true(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_it_documents_every_public_function() -> None:
    package = importlib.import_module("educluster.engines.stats")
    for name in package.__all__:
        obj = getattr(package, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert (obj.__doc__ or "").strip(), name
