"""Pages of stakeholder voices besides the Discussion Space (``discussion/views.py``)."""
