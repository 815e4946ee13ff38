import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts.models import CareLink, Role, User

PASSWORD = "a-long-test-password-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("first_name")
    role = Role.CLIENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ClinicianFactory(UserFactory):
    role = Role.CLINICIAN

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        if create:
            TOTPDevice.objects.create(user=obj, name="test", confirmed=True)


class AdminFactory(ClinicianFactory):
    role = Role.ADMIN


class PeerWorkerFactory(ClinicianFactory):
    role = Role.PEER_WORKER


class CareLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareLink

    client = factory.SubFactory(UserFactory)
    clinician = factory.SubFactory(ClinicianFactory)
