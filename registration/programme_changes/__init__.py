"""Programme versions as the people see them: staff release the programme (``views``) and
the registered participants and speakers a release concerns get one mail each (``mail``)."""
