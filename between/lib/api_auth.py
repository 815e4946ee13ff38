from ninja.security import HttpBearer, SessionAuth

from between.accounts.services import user_for_token


class SessionWithMFA(SessionAuth):
    """A browser session; clinicians' and admins' only count after TOTP.

    CSRF is checked only when a session cookie came with the request: without one there
    is no session to forge, and token clients must not trip over a browser check.
    """

    def _get_key(self, request):
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if user.needs_mfa and not user.is_verified():
            return None
        return user


class BearerToken(HttpBearer):
    """A personal access token. Clinicians can only make one after passing TOTP."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
