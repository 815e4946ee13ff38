from django.conf import settings


def site(request):
    user = getattr(request, "user", None)
    role = getattr(user, "role", None)
    return {"quick_exit_url": settings.QUICK_EXIT_URL,
            "idle_seconds": settings.SESSION_IDLE_SECONDS.get(role, 15 * 60)}
