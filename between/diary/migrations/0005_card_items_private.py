"""The names and units of card items, and of proposed ones, move into encrypted fields;
items a person named get opaque slugs, and the answers keyed by the old ones move with
them, so no column says "purging" in the clear any more."""

import json
import uuid

from django.db import migrations, models

import between.lib.fields

# The default card's slugs when this migration was written, by kind: the project's words,
# which stay. Every other slug was made from a name someone typed.
BUILT_IN = {
    "urge": {"to_die", "self_harm", "use_substances", "quit_therapy"},
    "behaviour": {"self_harm", "substance_use", "went_outside"},
    "emotion": {"sadness", "shame", "anger", "fear", "joy", "guilt", "loneliness", "emptiness"},
}
ANSWERS = {"urge": "urges", "emotion": "emotions", "behaviour": "behaviours"}
OWN_ITEM = "one of their own card items"


def give_uids(apps, schema_editor):
    for name in ("CardItem", "ItemProposal"):
        model = apps.get_model("diary", name)
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(uid=uuid.uuid4())


def _seal(row, *names):
    """Seal each still-plain value of the row."""
    changed = []
    for name in names:
        raw = row.__dict__[name]
        if raw is not None and not str(raw).startswith(("v1.", "v2.")):
            setattr(row, name, str(raw))
            changed.append(name)
    if changed:
        row.save(update_fields=changed)


def _rekey(answers: dict, moves: dict) -> dict:
    return {moves.get(slug, slug): value for slug, value in answers.items()}


def seal_and_rekey(apps, schema_editor):
    CardItem = apps.get_model("diary", "CardItem")
    ItemProposal = apps.get_model("diary", "ItemProposal")
    Card = apps.get_model("diary", "Card")
    CardRevision = apps.get_model("diary", "CardRevision")
    Flag = apps.get_model("care", "Flag")
    for proposal in ItemProposal.objects.all():
        _seal(proposal, "label")
    moves: dict[int, dict[str, dict[str, str]]] = {}  # client -> kind -> old slug -> new
    labels: dict[int, list[str]] = {}
    for item in CardItem.objects.all():
        _seal(item, "label", "unit")
        if item.slug in BUILT_IN.get(item.kind, ()) or item.slug.startswith("own_"):
            continue
        new = f"own_{uuid.uuid4().hex[:12]}"
        moves.setdefault(item.client_id, {}).setdefault(item.kind, {})[item.slug] = new
        labels.setdefault(item.client_id, []).append(item.label)
        CardItem.objects.filter(pk=item.pk).update(slug=new)
    for client_id, by_kind in moves.items():
        for card in Card.objects.filter(client_id=client_id):
            for kind, slugs in by_kind.items():
                attr = ANSWERS[kind]
                setattr(card, attr, _rekey(getattr(card, attr), slugs))
            card.save(update_fields=list(ANSWERS.values()))
        for revision in CardRevision.objects.filter(client_id=client_id):
            snapshot = json.loads(revision.snapshot)
            for kind, slugs in by_kind.items():
                attr = ANSWERS[kind]
                snapshot[attr] = _rekey(snapshot.get(attr) or {}, slugs)
            revision.snapshot = json.dumps(snapshot, ensure_ascii=False)
            revision.save(update_fields=["snapshot"])
        # A diary flag's summary named the threshold reached, own names included.
        for flag in Flag.objects.filter(client_id=client_id, source="diary"):
            summary = flag.summary
            for label in labels[client_id]:
                summary = summary.replace(f"{label} rated", f"{OWN_ITEM} rated")
                summary = summary.replace(f"{label} logged", f"{OWN_ITEM} logged")
            if summary != flag.summary:
                Flag.objects.filter(pk=flag.pk).update(summary=summary)


class Migration(migrations.Migration):
    dependencies = [
        ("diary", "0004_card_reminder"),
        ("care", "0008_urgent_alert"),
    ]

    operations = [
        migrations.AddField("carditem", "uid", models.UUIDField(null=True)),
        migrations.AddField("itemproposal", "uid", models.UUIDField(null=True)),
        migrations.RunPython(give_uids, migrations.RunPython.noop),
        migrations.AlterField("carditem", "uid", models.UUIDField(
            default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField("itemproposal", "uid", models.UUIDField(
            default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField("carditem", "label", between.lib.fields.EncryptedTextField(
            row_id="uid", not_screened="a card row's name")),
        migrations.AlterField("carditem", "unit", between.lib.fields.EncryptedTextField(
            row_id="uid", blank=True, default="", not_screened="a unit for an amount")),
        migrations.AlterField("itemproposal", "label", between.lib.fields.EncryptedTextField(
            row_id="uid", not_screened="a proposed card row's name")),
        migrations.RunPython(seal_and_rekey, migrations.RunPython.noop),
    ]
