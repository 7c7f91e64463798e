"""McCulloch-Pitts units: binary inputs, a fixed threshold, absolute inhibition.

In the 1943 model a unit fires (outputs 1) when the number of its active
excitatory inputs reaches its threshold, unless any of its inhibitory inputs
is active: inhibition vetoes firing outright. Nothing is learned; the wiring
and the threshold are chosen by hand, and choosing them gives the logical
functions. NOT needs an input that is always active, which the inhibitory
input can veto.
"""

from itertools import product


def mp_unit(excitatory, inhibitory, threshold):
    """1 if no inhibitory input is active and enough excitatory ones are."""
    if any(inhibitory):
        return 0
    return int(sum(excitatory) >= threshold)


# name: (which of x1, x2 are (excitatory, inhibitory) inputs, threshold)
UNITS = {
    "x1 AND x2": (lambda x1, x2: ([x1, x2], []), 2),
    "x1 OR x2": (lambda x1, x2: ([x1, x2], []), 1),
    "x1 AND NOT x2": (lambda x1, x2: ([x1], [x2]), 1),
    "NOT x1": (lambda x1, x2: ([1], [x1]), 1),  # 1: an always-active input
}
PAIRS = list(product((0, 1), repeat=2))  # (0,0), (0,1), (1,0), (1,1)


def truth_table(name):
    """The unit's output for each input pair in PAIRS."""
    wiring, threshold = UNITS[name]
    return [mp_unit(*wiring(x1, x2), threshold) for x1, x2 in PAIRS]


if __name__ == "__main__":
    tables = {name: truth_table(name) for name in UNITS}
    # One row per unit, one column per input pair: at most 48 characters a line, so
    # the result fits a 390-px phone unscrolled.
    print(f"{'inputs x1 x2':14s}" + "".join(f"  {x1} {x2}" for x1, x2 in PAIRS))
    for name in UNITS:
        print(f"{name:14s}" + "".join(f"{out:>4d} " for out in tables[name]).rstrip())
