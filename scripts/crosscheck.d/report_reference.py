"""Moodle's quiz statistics computed independently with pandas and numpy,
for the cross-check of `crossexam report` (tests/integration/crosscheck/report.rs)
and the report benchmark (benches/report.rs).

    python report_reference.py RESULTS.jsonl

reads crossexam-result/1 results, one a line, and prints JSON:
{"items": {id: {attempts, facility, sd, discrimination, efficiency}},
 "test": {attempts, mean, median, sd, skewness, kurtosis, cic, error_ratio,
          standard_error}}

Definitions (Moodle, question/classes/statistics and
mod/quiz/report/statistics): only complete attempts count; an item's mark is
its recorded points (partial credit as its fraction of the marks); the rest
of the test is the attempt's sum of marks minus the item's mark; the test
figures are over each attempt's sum of marks as a percentage of its marks on
offer; skewness and kurtosis are pandas' bias-corrected ones (Moodle's
k3/k2^1.5 and k4/k2^2); the coefficient of internal consistency is
Cronbach's alpha on the largest set of attempts asked the same questions.
All attempts are counted (crossexam report --attempts all).
"""

import json
import sys

import numpy as np
import pandas as pd


def load(path):
    rows = []
    totals = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if not line.strip():
                continue
            result = json.loads(line)
            if not result["complete"]:
                continue
            responses = result["responses"]
            totals.append(
                {
                    "attempt": number,
                    "marks": sum(r["points"] for r in responses),
                    "max": sum(r["max_points"] for r in responses),
                    "questions": tuple(sorted(r["question"] for r in responses)),
                }
            )
            for response in responses:
                rows.append(
                    (number, response["question"], response["points"], response["max_points"])
                )
    marks = pd.DataFrame(rows, columns=["attempt", "item", "mark", "max_mark"])
    attempts = pd.DataFrame(totals).set_index("attempt")
    return marks, attempts


def item_figures(marks, attempts):
    figures = {}
    marks = marks.join(attempts["marks"].rename("total"), on="attempt")
    marks["rest"] = marks["total"] - marks["mark"]
    for item, group in marks.groupby("item", sort=False):
        mark = group["mark"].to_numpy(dtype=float)
        rest = group["rest"].to_numpy(dtype=float)
        max_mark = float(group["max_mark"].iloc[0])
        s = len(mark)
        entry = {"attempts": s, "facility": 100.0 * mark.mean() / max_mark}
        if s > 1:
            covariance = np.cov(mark, rest, ddof=1)
            entry["sd"] = 100.0 * np.sqrt(covariance[0, 0]) / max_mark
            product = covariance[0, 0] * covariance[1, 1]
            entry["discrimination"] = (
                100.0 * covariance[0, 1] / np.sqrt(product) if product != 0 else None
            )
            best = np.cov(np.sort(mark), np.sort(rest), ddof=1)[0, 1]
            entry["efficiency"] = 100.0 * covariance[0, 1] / best if best != 0 else None
        figures[item] = entry
    return figures


def test_figures(marks, attempts):
    percent = 100.0 * attempts["marks"] / attempts["max"]
    figures = {
        "attempts": int(len(percent)),
        "mean": float(percent.mean()),
        "median": float(percent.median()),
        "sd": float(percent.std(ddof=1)),
        "skewness": float(percent.skew()),
        "kurtosis": float(percent.kurt()),
    }
    # Cronbach's alpha on the largest group asked the same questions.
    sets = attempts.groupby("questions").size()
    largest = sets.idxmax()
    members = attempts.index[attempts["questions"] == largest]
    table = marks[marks["attempt"].isin(members)].pivot(
        index="attempt", columns="item", values="mark"
    )
    scale = 100.0 / float(attempts.loc[members, "max"].iloc[0])
    table = table * scale
    items = table.shape[1]
    total_variance = table.sum(axis=1).var(ddof=1)
    alpha = items / (items - 1) * (1 - table.var(ddof=1).sum() / total_variance)
    error_ratio = 100.0 * np.sqrt(1 - alpha)
    figures["cic"] = 100.0 * alpha
    figures["error_ratio"] = error_ratio
    figures["standard_error"] = error_ratio * table.sum(axis=1).std(ddof=1) / 100.0
    figures["consistency_attempts"] = int(len(members))
    return figures


def main():
    marks, attempts = load(sys.argv[1])
    print(
        json.dumps(
            {"items": item_figures(marks, attempts), "test": test_figures(marks, attempts)},
            allow_nan=False,
        )
    )


if __name__ == "__main__":
    main()
