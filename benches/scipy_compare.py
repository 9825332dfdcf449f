"""Checks the Rust matcher against SciPy's linear_sum_assignment on the same cost matrix.

Each JSON file (written by `cargo run -p matching --example export`) holds a Vis mon job
instance as its compatible pairs with their scores, the ambassadors' capacities, and the
Rust matcher's result. SciPy gets the dense matrix where each ambassador has one column per
seat; the cost of a compatible pair is max_score - score, and an incompatible one costs more
than any sum of compatible costs, so SciPy's optimum also has the most duos first, then the
greatest total score. Exits non-zero when an optimum differs.
"""

import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def scipy_optimum(instance):
    students = instance["students"]
    seats_of = []
    seat = 0
    for capacity in instance["capacities"]:
        seats_of.append(range(seat, seat + capacity))
        seat += capacity
    max_score = instance["max_score"]
    assigned = min(students, seat)
    forbidden = float(assigned * max_score + 1)
    started = time.perf_counter()
    cost = np.full((students, seat), forbidden)
    for s, a, score in instance["pairs"]:
        cost[s, seats_of[a].start:seats_of[a].stop] = max_score - score
    built = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    solved = time.perf_counter()
    chosen = cost[rows, cols]
    compatible = chosen < forbidden
    duos = int(compatible.sum())
    score = int(duos * max_score - chosen[compatible].sum())
    return duos, score, built - started, solved - built


def main(paths):
    mismatches = 0
    for path in paths:
        with open(path) as f:
            instance = json.load(f)
        duos, score, build_s, solve_s = scipy_optimum(instance)
        rust = instance["rust"]
        same = (duos, score) == (rust["duos"], rust["score"])
        mismatches += not same
        if len(paths) == 1 or not same:
            print(
                f"{path}: {instance['students']} students, {len(instance['capacities'])} ambassadors, "
                f"{len(instance['pairs'])} compatible pairs\n"
                f"  rust  matcher: {rust['duos']} duos, score {rust['score']}, {rust['seconds']:.3f} s\n"
                f"  scipy lsap   : {duos} duos, score {score}, {solve_s:.3f} s "
                f"(+ {build_s:.3f} s to build the dense matrix)\n"
                f"  same optimum: {same}; scipy / rust time: {solve_s / max(rust['seconds'], 1e-9):.1f}x"
            )
    print(f"{len(paths) - mismatches}/{len(paths)} instances: the Rust matcher equals SciPy's optimum")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
