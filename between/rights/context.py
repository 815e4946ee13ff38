def closing(request):
    """A client whose account is set to close sees when, and how to keep it, on every page.
    Read from the user row the request already has: no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_client:
        return {}
    return {"closing": user.erase_after} if user.erase_after else {}
