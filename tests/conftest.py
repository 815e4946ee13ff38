import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts import keys
from tests.factories import AdminFactory, CareLinkFactory, ClinicianFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_key_cache():
    # Rolled-back tests reuse data key ids; a cached key from another test must not leak.
    keys.forget_cached_keys()
    yield
    keys.forget_cached_keys()


def totp_now(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def signed_in(user, *, verified: bool = True) -> Client:
    """A test client signed in as user; clinicians and admins past TOTP unless told not."""
    c = Client()
    c.force_login(user)
    if verified and user.needs_mfa:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        session = c.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return c


@pytest.fixture
def client_user(db):
    return UserFactory()


@pytest.fixture
def clinician(db):
    return ClinicianFactory()


@pytest.fixture
def admin_user(db):
    return AdminFactory()


@pytest.fixture
def link(client_user, clinician):
    from between.accounts.services import link_client

    return link_client(client_user, clinician, {"diary", "journal", "safety_plan"})


@pytest.fixture
def make_link(db):
    return CareLinkFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Each test's audit chain is its own: anchors from another test's database would
    # rightly fail verification.
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.log"
    # Argon2 is the real hasher (tests/accounts/test_login.py checks); tests need speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Production uses hashed file names from collectstatic; tests serve sources directly.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def committed_db(transactional_db):
    """Real commits. The audit log refuses DELETE, so lift its triggers for the flush that
    follows; the flush's post_migrate signal puts them back."""
    yield
    from between.audit import triggers

    triggers.drop()


def pytest_collection_modifyitems(items):
    # Every test that touches a database may touch the key store too: data keys live there.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and "_django_db_helper" not in item.fixturenames:
            continue
        args, kwargs = (marker.args, dict(marker.kwargs)) if marker else ((), {})
        kwargs["databases"] = "__all__"
        item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)


def sealed_reads(**filters):
    """Clinician reads as the audit chain holds them, once a `between runjobs` pass has
    sealed the waiting ones into it."""
    from between.audit.models import Action, AuditEvent
    from between.audit.services import seal_reads

    seal_reads()
    return AuditEvent.objects.filter(action=Action.READ, **filters)
