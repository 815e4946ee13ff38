import json
import sys

from django.core.management.base import BaseCommand

from between.risk.screen import Level, screen

LEVELS = [level.label for level in Level]


def _auc(matrix: dict) -> str:
    """Area under the ROC curve for ideation+urgent against none+distress, with the level
    (0 to 3) as the score: the chance a risky entry outranks a safe one, ties counting
    half (Mann-Whitney)."""
    pos = [sum(matrix[r][c] for r in ("ideation", "urgent")) for c in LEVELS]
    neg = [sum(matrix[r][c] for r in ("none", "distress")) for c in LEVELS]
    if not sum(pos) or not sum(neg):
        return "n/a"
    wins = sum(p * (sum(neg[:i]) + neg[i] / 2) for i, p in enumerate(pos))
    return f"{wins / (sum(pos) * sum(neg)):.3f}"


class Command(BaseCommand):
    help = ("Screen JSON lines {\"id\", \"text\"} from stdin, one result line each. With "
            "--evaluate FILE, read lines that also carry \"label\" and print the figures.")

    def add_arguments(self, parser):
        parser.add_argument("--evaluate", metavar="FILE", nargs="+",
                            help="labelled JSON lines files to score")

    def handle(self, *args, evaluate=None, **options):
        if evaluate:
            return self.evaluate(evaluate)
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError("text must be a string")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                self.stdout.write(json.dumps({"line": number, "error": str(exc)}))
                continue
            result = screen(text).as_dict()
            self.stdout.write(json.dumps({"id": item.get("id"), **result}))

    def evaluate(self, paths: list[str]) -> None:
        """Sensitivity for ideation+urgent and for urgent, specificity for none+distress,
        and the confusion matrix (rows: label, columns: screen)."""
        matrix = {a: dict.fromkeys(LEVELS, 0) for a in LEVELS}
        errors = 0
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        item = json.loads(line)
                        label = item["label"]
                        got = screen(item["text"]).level.label
                        matrix[label][got] += 1
                    except (json.JSONDecodeError, KeyError, TypeError) as exc:
                        errors += 1
                        self.stderr.write(f"{path}:{number}: {exc}")

        def share(rows, cols) -> str:
            total = sum(matrix[r][c] for r in rows for c in LEVELS)
            hit = sum(matrix[r][c] for r in rows for c in cols)
            return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a"

        n = sum(sum(row.values()) for row in matrix.values())
        self.stdout.write(f"Entries: {n}" + (f" ({errors} unreadable lines)" if errors else ""))
        self.stdout.write("Sensitivity, ideation+urgent: "
                          + share(["ideation", "urgent"], ["ideation", "urgent"]))
        self.stdout.write("Sensitivity, urgent:          " + share(["urgent"], ["urgent"]))
        self.stdout.write("Specificity, none+distress:   "
                          + share(["none", "distress"], ["none", "distress"]))
        self.stdout.write(f"AUC (level as the score):     {_auc(matrix)}")
        self.stdout.write("\nConfusion matrix (rows: label, columns: screen)")
        self.stdout.write(f"{'':>10}" + "".join(f"{c:>10}" for c in LEVELS))
        for label in LEVELS:
            self.stdout.write(f"{label:>10}" + "".join(f"{matrix[label][c]:>10}"
                                                       for c in LEVELS))
