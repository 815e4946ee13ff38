import json
import os
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts import services
from between.accounts.models import Clinic, ContactDetails, Role, User
from between.accounts.totp import secret_of
from between.care import demo as care_demo
from between.care.models import TherapySession
from between.circles import demo as circles_demo
from between.diary.demo import make_cards
from between.diary.models import Card
from between.journal.models import Entry
from between.measures import demo as measures_demo
from between.parts import demo as parts_demo
from between.safety import services as safety
from between.safety.models import PlanVersion
from between.skills import demo as skills_demo
from between.skills.models import Practice

CLINICIAN = "clinician@demo.between"
CLIENT = "client@demo.between"
CLIENT2 = "client2@demo.between"
ADMIN = "admin@demo.between"
PEER = "peer@demo.between"

# Written for the demo; deliberately ordinary, so a clinician can see what sharing looks like.
JOURNAL = [
    (9, False, "Couldn't settle tonight. Made tea, put the heavy blanket on, watched the "
               "rain for a bit. It helped more than I expected."),
    (6, True, "Work meeting went sideways and I felt about six years old. I noticed it, "
              "named it, and didn't send the email I'd drafted. Want to talk about this "
              "on Friday."),
    (3, False, "Good morning for once. Walked to the shop and back without headphones."),
    (1, True, "Session felt rushed this week. I'm not angry, just want more time on the "
              "thing with my sister."),
]


# Alex's plan, written for the demo in the way a client might write their own.
SAFETY_PLAN = {
    "warning_signs": ["Not answering messages for a day or more",
                      "Lying awake replaying arguments",
                      "Thinking everyone would be better off without me"],
    "coping_alone": ["Cold water on my face, or an ice cube in my hand",
                     "Walk round the block with headphones on",
                     "Heavy blanket and the rain sounds playlist"],
    "distractions": ["The library on Park Road", "Sitting in the kitchen while Priya cooks"],
    "people_to_ask": ["Priya (flatmate) 07700 900456", "My brother Tom 07700 900789"],
    "professionals": ["Sam Rivera, my therapist: reads messages Fridays 9 to 10am",
                      "GP surgery 020 7946 0000, weekdays 8am to 6pm"],
    "environment": ["Priya keeps my spare tablets in her room"],
    "reasons_for_living": ["Biscuit (my dog)", "Seeing the sea in the summer",
                           "Tom's wedding next year"],
    "means": ["medicines", "alcohol_drugs", "not_alone"],
}


# The demo clinic's agreed next steps for each level of flag: an example of the short,
# concrete protocol a clinic writes for itself.
DEMO_STEPS = (
    "1. Ring the client now, from the clinic phone.\n"
    "2. No answer: try again in 15 minutes and send a text asking them to call back.\n"
    "3. Still no answer and you are worried: ring the duty clinician on extension 204, "
    "who decides with you whether to contact the crisis team.\n"
    "4. Write what you did when you close the flag.",
    "Read it today. Ask about it at the start of the next session, or sooner by message "
    "if it reads as new. Go over the safety plan together if it hasn't been looked at "
    "this month.",
    "Look at it before the next session and bring it up if it fits the week's picture.",
)

class Command(BaseCommand):
    help = "Create demo users and data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true",
                            help="print users, passwords, TOTP secret and API tokens as JSON")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing if any user exists already")

    def handle(self, *args, **options):
        if options["if_empty"] and User.objects.exists():
            if not options["json"]:
                self.stdout.write("Database has users already; demo data left as it is.")
            return
        password = os.environ.get("BETWEEN_DEMO_PASSWORD", "between-demo")
        with transaction.atomic():
            users, secrets = self.create(password)
        if options["json"]:
            out = {
                "password": password,
                "users": [
                    {"email": u.email, "role": u.role, "password": password,
                     "totp_secret": secrets.get(u.email),
                     "api_token": services.create_token(u, "demo")[1]}
                    for u in users
                ],
            }
            self.stdout.write(json.dumps(out, indent=2))
            return
        self.stdout.write(f"Demo logins (password: {password})")
        for u in users:
            extra = f"  TOTP secret {secrets[u.email]}" if u.email in secrets else ""
            self.stdout.write(f"  {u.role:<10} {u.email}{extra}")

    def create(self, password):
        clinic, _ = Clinic.objects.get_or_create(name="Demo Clinic", defaults={"country": "GB"})
        clinician = self.user(CLINICIAN, "Sam Rivera", Role.CLINICIAN, password, clinic)
        client = self.user(CLIENT, "Alex Morgan", Role.CLIENT, password)
        client2 = self.user(CLIENT2, "Jordan Lee", Role.CLIENT, password)
        admin = self.user(ADMIN, "Demo Admin", Role.ADMIN, password, clinic)
        peer = self.user(PEER, "Kai Brooks", Role.PEER_WORKER, password, clinic)
        if not clinic.out_of_hours:  # a clinic chooses its route as it is set up
            clinic.out_of_hours, clinic.duty_clinician = "duty", clinician
            clinic.steps_urgent, clinic.steps_ideation, clinic.steps_other = DEMO_STEPS
            clinic.save(update_fields=["out_of_hours", "duty_clinician", "steps_urgent",
                                       "steps_ideation", "steps_other"])
        secrets = {u.email: secret_of(self.totp(u)) for u in (clinician, admin, peer)}
        services.link_client(client, clinician, {"diary", "safety_plan", "journal", "measures"})
        services.link_client(client2, clinician, {"diary", "parts"})
        if not ContactDetails.objects.filter(client=client).exists():
            # 07700 900xxx is set aside by Ofcom for drama: it rings nobody.
            services.save_contact(client, phone="07700 900123", how="Text first if it's early")
        if not Entry.objects.filter(client=client).exists():
            now = timezone.now()
            for days_ago, shared, text in JOURNAL:
                when = now - timedelta(days=days_ago, hours=3)
                Entry.objects.create(client=client, body=text, shared=shared,
                                     created_at=when, updated_at=when)
        if not Card.objects.filter(client__in=[client, client2]).exists():
            make_cards(client, seed=1, hard_week=5)
            make_cards(client2, seed=2, hard_week=None)
        if not Practice.objects.filter(client=client).exists():
            skills_demo.make(client)
        if not TherapySession.objects.filter(clinician=clinician).exists():
            care_demo.make(clinician, client, client2)
            measures_demo.make(clinician, client)
            parts_demo.make(client2)
        care_demo.make_caseload(clinician)
        circles_demo.make(clinician, client, client2, peer)
        if not PlanVersion.objects.filter(client=client).exists():
            first = {**SAFETY_PLAN, "reasons_for_living": SAFETY_PLAN["reasons_for_living"][:1]}
            safety.save_plan(client, first, actor=client)
            safety.save_plan(client, SAFETY_PLAN, actor=client)
            safety.suggest(clinician, client, "coping_alone",
                           "Ten slow breaths with a longer breath out")
        return [clinician, client, client2, admin, peer], secrets

    def user(self, email, name, role, password, clinic=None) -> User:
        user, _ = User.objects.get_or_create(
            email=email, defaults={"display_name": name, "role": role, "clinic": clinic})
        user.set_password(password)
        user.save()
        return user

    def totp(self, user) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return device or TOTPDevice.objects.create(user=user, name="Demo authenticator",
                                                   confirmed=True)
