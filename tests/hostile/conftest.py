import pytest

from ._portal_world import world_build


@pytest.fixture
def world(meeting, staff_user, focal_point_a, focal_point_b, stakeholder):
    """A whole portal built through the services: see ``_portal_world.World``."""
    return world_build(
        meeting,
        staff=staff_user,
        focal_point_a=focal_point_a,
        focal_point_b=focal_point_b,
        stakeholder=stakeholder,
    )
