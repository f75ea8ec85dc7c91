import pytest


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary directory for the test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
