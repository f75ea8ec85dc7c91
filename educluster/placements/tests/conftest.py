import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def untranslated():
    """Messages as their English msgids, whatever the catalogues say: tests match on those."""
    with translation.override(None):
        yield
