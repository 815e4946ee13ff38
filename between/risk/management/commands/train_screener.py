"""Train the screener's second opinion from Between's own development sentences.

Needs the dev extra (scikit-learn); Between itself never imports it. The same data and
this script give the same file, so the committed weights can be checked and rebuilt.
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand

from between.risk.model import MODEL

DATA = Path(__file__).resolve().parents[4] / "tests" / "data" / "risk"
RISKY = {"ideation", "urgent"}
# Out-of-fold specificity on the development negatives that the threshold keeps: the
# second opinion may cost at most 2% of safe entries a needless prompt.
KEEP_SPECIFICITY = 0.98


def training_files() -> list[Path]:
    """Every labelled development file, never the test split."""
    return sorted(p for p in DATA.rglob("*.jsonl") if "test" not in p.parts)


def load() -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for path in training_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                texts.append(item["text"])
                labels.append(int(item["label"] in RISKY))
    return texts, labels


def pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    return make_pipeline(
        make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), binary=True,
                                   min_df=2),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), binary=True,
                                   min_df=2)),
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000))


class Command(BaseCommand):
    help = "Train the screener's second opinion and write it to between/risk/content/."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(MODEL))

    def handle(self, *args, out, **options):
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        texts, labels = load()
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
        held_out = cross_val_predict(pipeline(), texts, labels, cv=folds,
                                     method="predict_proba")[:, 1]
        negatives = sorted(p for p, y in zip(held_out, labels, strict=True) if not y)
        threshold = float(negatives[int(len(negatives) * KEEP_SPECIFICITY)])
        fitted = pipeline().fit(texts, labels)
        union, lr = fitted.steps[0][1], fitted.steps[1][1]
        weights = lr.coef_[0]
        tables, start = [], 0
        for _, vectorizer in union.transformer_list:
            vocab = vectorizer.vocabulary_
            table = {g: [round(float(vectorizer.idf_[i]), 6),
                         round(float(weights[start + i]), 6)] for g, i in sorted(vocab.items())}
            tables.append(table)
            start += len(vocab)
        caught = sum(p >= threshold for p, y in zip(held_out, labels, strict=True) if y)
        data = {
            "about": {
                "trained": date.today().isoformat(),
                "data": [str(p.relative_to(DATA.parents[2])) for p in training_files()],
                "entries": len(texts), "risky": sum(labels),
                "method": "tf-idf (binary, l2) of words 1-2 and char_wb 3-5 (min_df 2), "
                          "logistic regression C=4 balanced; scikit-learn "
                          + __import__("sklearn").__version__,
                "threshold_rule": f"out-of-fold specificity {KEEP_SPECIFICITY} on the "
                                  "development negatives (5 folds, seed 7)",
                "out_of_fold_sensitivity_alone": round(caught / sum(labels), 3),
                "licence": "Between's own data and weights, same licence as the project",
            },
            "intercept": round(float(lr.intercept_[0]), 6),
            "threshold": round(threshold, 6),
            "words": tables[0], "chars": tables[1],
        }
        Path(out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                             encoding="utf-8")
        self.stdout.write(f"Wrote {out}: {len(texts)} entries, {len(tables[0])} word and "
                          f"{len(tables[1])} letter-group features, threshold "
                          f"{threshold:.3f}, out-of-fold sensitivity alone "
                          f"{data['about']['out_of_fold_sensitivity_alone']}.")
