#!/usr/bin/env python3
"""Reference output of the PyPI `fsrs` package (py-fsrs) for crossexam's FSRS-6 port.

Used by `tests/integration/crosscheck/fsrs.rs`; needs `pip install fsrs==6.3.2`.

Reads a JSON list of review sequences from stdin. Each sequence is a list of
`{"grade": 1..4, "days_after_previous": <int>}`; the first entry's days are
ignored (a new card is reviewed at the fixed start time). Every sequence is
replayed on a fresh card with

    Scheduler(parameters=DEFAULT_PARAMETERS, desired_retention=0.9,
              learning_steps=(), relearning_steps=(),
              maximum_interval=36500, enable_fuzzing=False)

reviewing the card at its previous review time plus `days_after_previous`
whole days (the review time, not the due time). Prints JSON:

    {"fsrs_version": "6.3.2",
     "sequences": [[{"stability": s, "difficulty": d, "interval_days": n}, ...], ...]}

where `interval_days` is `(card.due - review_time).days`.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from importlib.metadata import version

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def make_scheduler() -> Scheduler:
    return Scheduler(
        parameters=DEFAULT_PARAMETERS,
        desired_retention=0.9,
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=36500,
        enable_fuzzing=False,
    )


def replay(scheduler: Scheduler, sequence: list[dict]) -> list[dict]:
    card = Card(card_id=1, due=START)
    review_time = START
    out = []
    for index, review in enumerate(sequence):
        grade = int(review["grade"])
        if grade not in (1, 2, 3, 4):
            raise ValueError(f"grade must be 1..4, got {grade!r}")
        if index > 0:
            days = int(review["days_after_previous"])
            if days < 0:
                raise ValueError(f"days_after_previous must be >= 0, got {days}")
            review_time = review_time + timedelta(days=days)
        card, _log = scheduler.review_card(card, Rating(grade), review_time)
        out.append(
            {
                "stability": card.stability,
                "difficulty": card.difficulty,
                "interval_days": (card.due - review_time).days,
            }
        )
    return out


def main() -> int:
    sequences = json.load(sys.stdin)
    if not isinstance(sequences, list):
        raise ValueError("stdin must hold a JSON list of review sequences")
    scheduler = make_scheduler()
    result = {
        "fsrs_version": version("fsrs"),
        "sequences": [replay(scheduler, sequence) for sequence in sequences],
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
