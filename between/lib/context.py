from django.conf import settings

# A client's tab bar: which tab each page belongs to, by URL name prefix. Anything not
# listed belongs under More.
TABS = [("today", ("home",)),
        ("diary", ("diary",)),
        ("skills", ("skill", "situation", "practice_log", "programme", "flow_", "chain")),
        ("plan", ("safety_plan", "crisis_mode", "suggestion"))]


def current_tab(url_name: str | None) -> str:
    for tab, prefixes in TABS:
        if url_name and url_name.startswith(prefixes):
            return tab
    return "more"


def site(request):
    user = getattr(request, "user", None)
    role = getattr(user, "role", None)
    match = getattr(request, "resolver_match", None)
    return {"quick_exit_url": settings.QUICK_EXIT_URL,
            "idle_seconds": getattr(request, "idle_limit", None)
            or settings.SESSION_IDLE_SECONDS.get(role, 15 * 60),
            "tab": current_tab(match.url_name if match else None)}
