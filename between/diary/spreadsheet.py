"""Diary cards as CSV: the client's own copy, and a clinician's date range."""

from between.diary.models import Card, CardItem
from between.lib.spreadsheet import SafeWriter


def _column(item: CardItem) -> str:
    """A built-in item's stable slug, or the client's own name for their own."""
    return item.label if item.is_own else item.slug


def write_cards(out, items: dict, cards, *, present: bool = True) -> None:
    """One row per card, oldest first. `present` (who was there, which can name a client's
    parts) is left out of a clinician's copy unless the client shares their parts."""
    writer = SafeWriter(out)
    kinds = [("urges", items["urge"]), ("emotions", items["emotion"])]
    header = ["date"] + [f"{attr[:-1]}:{_column(i)}" for attr, its in kinds for i in its]
    header += [f"behaviour:{_column(i)}" for i in items["behaviour"]]
    header += ["skills", "skills_rating", "as_prescribed", "as_needed", "sleep_hours"]
    header += ["present", "note"] if present else ["note"]
    writer.writerow(header)
    for card in cards:
        row = [card.day.isoformat()]
        row += [getattr(card, attr).get(i.slug, "") for attr, its in kinds for i in its]
        row += ["" if (b := card.behaviours.get(i.slug)) is None else
                ("yes" if b["done"] else "no") + (f" {b['amount']:g}" if b.get("amount")
                                                  is not None else "")
                for i in items["behaviour"]]
        row += [" ".join(card.skills), card.skills_rating if card.skills_rating is not None
                else "", {True: "yes", False: "no", None: ""}[card.as_prescribed],
                "; ".join(f"{d['name']} {d['dose']} {d['time']}".strip()
                          for d in card.as_needed),
                card.sleep_hours if card.sleep_hours is not None else ""]
        row += [card.present or "", card.note or ""] if present else [card.note or ""]
        writer.writerow(row)


def all_cards(client):
    return Card.objects.filter(client=client).order_by("day").iterator()
