from between.rights.models import Closure


def closing(request):
    """A client whose account is set to close sees when, and how to keep it, on every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_client:
        return {}
    closure = Closure.objects.filter(client=user).only("erase_after").first()
    return {"closing": closure} if closure else {}
