"""The gentle prompt after risky words, shown on whatever page comes next.

A view that saved something risky calls `offer_plan()`; the base template shows the
prompt once, on the next page it renders, so a redirect after saving never loses it.
"""

from functools import cached_property

from django.http import HttpRequest

KEY = "safety_prompt"


def offer_plan(request: HttpRequest, *, told: bool, words: bool = True,
               answered: bool = False, held: str = "") -> None:
    """Show the client their plan and the crisis lines on the next page. `told` says
    truthfully whether a clinician will see it at their next check-in, `words`
    whether they will see what was written or only that it was a hard moment, and
    `answered` that it came from a questionnaire answer, not from writing. `held` says
    when a circle's moderator will read a post that waits for them ("Tuesday from 9am")."""
    request.session[KEY] = {"told": told, "words": words, "answered": answered,
                            "held": held}


class PendingPrompt:
    """Read lazily, so only a page that shows the prompt uses it up."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @cached_property
    def _data(self) -> dict | None:
        session = getattr(self.request, "session", None)
        if session is None or not self._seen():
            return None
        return session.pop(KEY, None)

    def _seen(self) -> bool:
        """Whether this answer is one the person will see: a page they open, not a
        script's request in the background (the service worker keeping the crisis page,
        a redirect followed by a fetch). A script that shows the prompt itself asks for
        it by name."""
        headers = self.request.headers
        mode = headers.get("Sec-Fetch-Mode")
        return not mode or mode == "navigate" or headers.get("X-Between-Prompt") == "show"

    def __bool__(self) -> bool:
        return self._data is not None

    @property
    def told(self) -> bool:
        return bool(self._data and self._data.get("told"))

    @property
    def answered(self) -> bool:
        return bool(self._data and self._data.get("answered"))

    @property
    def held(self) -> str:
        return (self._data or {}).get("held") or ""

    @property
    def without_words(self) -> bool:
        return bool(self._data and self._data.get("words") is False)

    @cached_property
    def plan(self):
        from between.safety.services import current_version

        return current_version(self.request.user)

    @cached_property
    def country(self):
        from between.safety.directory import country_for

        return country_for(self.request)


def pending(request: HttpRequest) -> dict:
    """Context processor."""
    return {"pending_prompt": PendingPrompt(request)}
