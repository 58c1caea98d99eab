import io

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The reference data and the 2024 meeting, as `manage.py seed` loads them."""
    call_command("seed", stdout=io.StringIO())


@pytest.fixture
def meeting(seeded):
    from sessions_app.models import Meeting

    return Meeting.objects.get(slug="unece-2024")
