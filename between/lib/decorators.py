from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def _role_required(check):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Wrong role gets 404, as for any object that is not yours.
client_required = _role_required(lambda u: u.is_client)
clinician_required = _role_required(lambda u: u.is_clinician)
admin_required = _role_required(lambda u: u.is_admin)
staff_required = _role_required(lambda u: u.is_clinician or u.is_admin)
# Circles are moderated by clinicians and by peer workers the clinic names.
moderator_required = _role_required(lambda u: u.is_clinician or u.is_peer_worker)
