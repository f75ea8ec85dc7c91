"""The examples in the engine's docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pytest

MODULES = (
    "demand",
    "errors",
    "inputs",
    "pupils",
    "quantiles",
    "quota",
    "results",
    "supply",
)


@pytest.mark.parametrize("name", MODULES)
def test_it_keeps_the_docstring_examples_true(name: str) -> None:
    module = importlib.import_module(f"educluster.engines.forecast.{name}")
    result = doctest.testmod(module, extraglobs={"np": np}, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
