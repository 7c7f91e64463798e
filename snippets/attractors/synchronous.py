"""Updating every neuron at once: a Hopfield network can end in a cycle of two states.

The energy argument on the page needs one neuron to change at a time. Little's
earlier model (1974) updated all neurons together, s <- sign(W s). With the same
symmetric Hebbian weights, a stored pattern is still a fixed point of that
synchronous update, but the energy need not fall at every step, and the state can
flip back and forth between two configurations for ever. With symmetric weights
no longer cycle is possible (Goles-Chacc, Fogelman-Soulie & Pellegrin 1985):
every run ends in a fixed point or a cycle of two states.
First, the smallest example: two neurons that excite each other, started in
disagreement. Then a network of 100 neurons holding 5 patterns (hopfield.py),
started from corrupted cues, and networks of 5 and 30 patterns started from
random states, each run until a state repeats.
"""

import numpy as np
from hopfield import corrupt, run_async, store


def sign(h):
    return np.where(h >= 0, 1.0, -1.0)


def run_sync(w, s, max_steps=200):
    """Synchronous updates until a state repeats; return the states and the cycle length."""
    seen = {}
    states = [s.astype(float).copy()]
    for step in range(max_steps):
        key = states[-1].tobytes()
        if key in seen:
            return np.array(states), step - seen[key]
        seen[key] = step
        states.append(sign(w @ states[-1]))
    raise RuntimeError(f"no repeated state within {max_steps} synchronous steps")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    w2 = np.array([[0.0, 1.0], [1.0, 0.0]])
    states, period = run_sync(w2, np.array([1.0, -1.0]))
    print("two neurons, synchronous:  " + " → ".join(str(s.astype(int).tolist()) for s in states)
          + f"   (a cycle of length {period})")
    final, _ = run_async(w2, np.array([1.0, -1.0]), rng, record=False)
    print(f"two neurons, one at a time: ends in the fixed point {final.astype(int).tolist()}")

    n, p = 100, 5
    patterns = rng.choice([-1.0, 1.0], size=(p, n))
    w = store(patterns)
    for mu in range(p):
        states, period = run_sync(w, corrupt(patterns[mu], 0.3, rng))
        print(f"cue from pattern {mu}: cycle length {period}, "
              f"final overlap {states[-1] @ patterns[mu] / n:.2f}")
    for p in (5, 30):
        w = store(rng.choice([-1.0, 1.0], size=(p, n)))
        periods = [run_sync(w, rng.choice([-1.0, 1.0], size=n))[1] for _ in range(200)]
        print(f"{p:2d} patterns, 200 random starts: {periods.count(1)} end in a fixed point, "
              f"{periods.count(2)} in a cycle of two states, {len(periods) - periods.count(1) - periods.count(2)} otherwise")
