from django.utils.functional import SimpleLazyObject


def waiting(request) -> dict:
    """Context processor: what waits for this moderator in their circles, for the menu and
    the check-in page, so the care app needn't know circles exist. Counted only when a
    page shows it, and only for those who can moderate."""
    from between.circles import services
    from between.circles.models import Post

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not (user.is_clinician or user.is_peer_worker):
        return {}
    return {
        "circles_waiting": SimpleLazyObject(
            lambda: Post.objects.filter(circle__moderators=user,
                                        status=Post.Status.HELD).count()),
        "circles_waiting_by_circle": SimpleLazyObject(lambda: services.waiting(user)),
        "circles_unmoderated": SimpleLazyObject(lambda: list(services.unmoderated(user))),
    }
