from django.utils.functional import SimpleLazyObject


def reach(request) -> dict:
    """Context processor: who will hear of what a client just wrote, for the safety
    prompt. Worked out only if a page shows the prompt."""
    from between.care.urgent import reach as work_out

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_client:
        return {}
    return {"reach": SimpleLazyObject(lambda: work_out(user))}
