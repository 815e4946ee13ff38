"""Circle demo data: a skills group the demo clinician runs with a peer worker, with a few
members and kind posts. The second demo client is in it; the first has been offered a
place, so both sides of joining can be tried."""

from datetime import timedelta

from django.utils import timezone

from between.accounts.models import User
from between.circles import services
from between.circles.models import Circle, Post

POSTS = [
    ("Finch", "Tried the cold water thing when the panic hit on the bus home. It actually "
              "worked, I got off two stops early and walked the rest.", None),
    ("Jay", "Well done! The walking part is such a good idea.", 0),
    ("Moss", "Does anyone else find Sunday evenings the hardest? I get the dread about "
             "the week.", None),
    ("Finch", "Every week. Now I keep one small nice thing for Sunday, like a bath or a film.",
     2),
    ("Jay", "See you all on Thursday. I'm bringing the biscuits this time.", None),
]


def make(clinician: User, client: User, client2: User, peer: User | None = None
         ) -> Circle | None:
    if clinician.clinic_id is None or Circle.objects.filter(clinic=clinician.clinic).exists():
        return None
    circle = services.save_circle(
        clinician, name="Thursday skills group",
        about="For people in the Thursday DBT skills group: share what you tried, and "
              "be kind.", staffed=[{"weekday": 3, "start": "09:00", "end": "10:00"}],
        moderators=[peer] if peer is not None else [])
    members = {"Jay": services.join(services.invite(clinician, circle, client2), "Jay")}
    for name, email in (("Finch", "caseload3@demo.between"), ("Moss", "caseload4@demo.between")):
        person = User.objects.filter(email=email).first()
        if person is not None:
            members[name] = services.join(services.invite(clinician, circle, person), name)
    services.invite(clinician, circle, client)
    written: list[Post] = []
    now = timezone.now()
    for n, (who, text, parent) in enumerate(POSTS):
        if who not in members:
            continue
        post = services.write(members[who], body=text,
                              parent=written[parent] if parent is not None else None).post
        Post.objects.filter(pk=post.pk).update(created_at=now - timedelta(hours=30 - 5 * n))
        written.append(post)
    if written:
        services.react(members["Jay"], written[0], "with_you")
    return circle
