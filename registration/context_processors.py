from .permissions import is_network_staff


def portal(request):
    """``is_network_staff`` for the layout, evaluated only if a template asks."""
    return {"is_network_staff": lambda: is_network_staff(request.user)}
