"""Sent when staff release a programme version, inside its transaction.

``programme_released.send(sender=ProgrammeRelease, release=release, changed=[ReleasedSession])``:
``changed`` lists the sessions whose time, room or speakers changed, or that were added or
cancelled. The registration app listens and writes to the people concerned.
"""

from django.dispatch import Signal

programme_released = Signal()
