"""Add the biology back: one small network, two training constraints, three inference ones.

A network 2 inputs -> 20 ReLU hidden units -> 2 outputs learns to tell the two
"moons" apart (300 training points, noise 0.2, fixed seed). It is trained four ways,
by full-batch Adam on the cross-entropy, all from the same initial weights:

* backprop, or feedback alignment: the hidden layer's error arrives through a fixed
  random matrix B instead of the transpose of the output weights (Lillicrap et al. 2016);
* unconstrained, or under Dale's principle: hidden units 0-15 are excitatory (all their
  outgoing weights >= 0) and 16-19 inhibitory (all <= 0), 80/20; after each step every
  weight of the wrong sign is set to zero (a projection).

Inference can then add three constraints, each on the hidden layer's output:

* spikes: hidden unit j fires with rate lambda_j = R_MAX * min(h_j, h_max) / h_max,
  where h_max is the largest hidden activity on the training set. In each 1-ms bin of a
  window of T ms it spikes with probability lambda_j * 1 ms (a Bernoulli approximation
  to a Poisson process). The output reads each count back as an activity estimate.
  Without spikes the output gets min(h_j, h_max) itself and the spike count shown is
  the expected one.
* unreliable release: each spike reaches each output with probability p, independently,
  through one release site per connection. The trained weight is read as the
  connection's mean effect (weight = release probability x the effect of one release,
  as in the quantal model), so each release that happens carries weight / p: release
  leaves the expected drive, and its balance against the output bias, unchanged and adds
  only noise. Without spikes there are no releases to fail, and the toggle changes nothing.
* an energy budget: if the expected number of spikes in the window exceeds a cap, every
  rate is lowered by the same factor so that it does not; the readout knows the factor.
  Energy = spikes x the energy of a spike.

Random numbers come from mulberry32, a 32-bit generator that the explorable
(docs/assets/explorables/biology-back.js) implements identically; its n-th number
depends only on the seed and n, so the draw for (point i, bin t, unit j, slot s) is
number ((i * T + t) * 20 + j) * 3 + s + 1: slot 0 decides the spike, slots 1 and 2 its
release onto outputs 0 and 1. Every sum runs over units in order, as in the JavaScript,
so both give the same spikes and the same answers.

Run with --js to print the trained weights, the test set and the constants as the data
file the explorable loads, docs/assets/explorables/biology-back-weights.js: JSON behind
one assignment, so that it loads with a <script> tag also from a copy opened from disk.
"""

import json
import sys

import numpy as np

N_HIDDEN, N_EXCITATORY = 20, 16          # Dale: units 16..19 are inhibitory (80/20)
R_MAX = 100.0                            # Hz: the rate of a hidden unit at h_max (a model choice)
BIN_S = 0.001                            # s: one time bin
SPIKE_ENERGY_PJ = 229                    # register: spike-energy-human
P_RELEASE = 0.25                         # register: release-probability
DEFAULT_WINDOW_MS, DEFAULT_CAP = 100, 10 # the explorable's starting settings
TEST_SEED, GRID_SEED = 1, 2              # mulberry32 seeds: test set, decision-boundary grid
VARIANTS = {                             # key: (feedback alignment, Dale)
    "bp": (False, False), "fa": (True, False), "bp-dale": (False, True), "fa-dale": (True, True)}
GRID = {"x": [-1.6, 2.6], "y": [-1.2, 1.7], "n": 41}


def moons(n, noise, rng):
    """n points of the two-moons task: (points, labels 0/1)."""
    labels = np.arange(n) % 2
    angle = rng.uniform(0, np.pi, n)
    points = np.where(labels[:, None] == 0,
                      np.c_[np.cos(angle), np.sin(angle)],
                      np.c_[1 - np.cos(angle), 0.5 - np.sin(angle)])
    return points + rng.normal(0, noise, (n, 2)), labels


def train(x, y, feedback_alignment, dale, steps=1500, eta=0.01, seed=0, signed_start=None):
    """One variant: dict of W1 (2 x 20), b1, W2 (20 x 2), b2 and h_max (lists).

    signed_start (default: dale) gives the output weights Dale's signs at the start; with
    dale=False it makes the baseline that separates the sign-given start from the projection."""
    rng = np.random.default_rng(seed)         # the same start for every variant
    w1 = rng.normal(0, 1.0, (2, N_HIDDEN))
    b1 = rng.normal(0, 0.5, N_HIDDEN)
    w2 = rng.normal(0, 1 / np.sqrt(N_HIDDEN), (N_HIDDEN, 2))
    b2 = np.zeros(2)
    feedback = rng.normal(0, 1 / np.sqrt(N_HIDDEN), (N_HIDDEN, 2))   # fixed, never learned
    sign = np.where(np.arange(N_HIDDEN) < N_EXCITATORY, 1.0, -1.0)[:, None]
    if dale if signed_start is None else signed_start:
        w2 = sign * np.abs(w2)
    params = [w1, b1, w2, b2]
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    target = np.eye(2)[y]
    for step in range(1, steps + 1):
        pre = x @ w1 + b1
        h = np.maximum(pre, 0)
        z = h @ w2 + b2
        prob = np.exp(z - z.max(1, keepdims=True))
        prob /= prob.sum(1, keepdims=True)
        err = (prob - target) / len(x)                # d loss / d z
        back = feedback if feedback_alignment else w2
        delta = (err @ back.T) * (pre > 0)
        grads = [x.T @ delta, delta.sum(0), h.T @ err, err.sum(0)]
        for p, g, m, v in zip(params, grads, moments, squares):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= eta * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        if dale:
            np.copyto(w2, np.where(sign > 0, np.maximum(w2, 0), np.minimum(w2, 0)))
    h_max = float(np.maximum(x @ w1 + b1, 0).max())
    return {"W1": w1.tolist(), "b1": b1.tolist(), "W2": w2.tolist(), "b2": b2.tolist(), "h_max": h_max}


def uniforms(seed, index):
    """mulberry32's numbers number index + 1 (index: array of ints), in [0, 1)."""
    mask = np.uint64(0xFFFFFFFF)
    a = (np.uint64(seed) + (np.asarray(index, dtype=np.uint64) + np.uint64(1)) * np.uint64(0x6D2B79F5)) & mask

    def imul(u, v):
        return (u * v) & mask                    # uint64 products of 32-bit numbers are exact

    t = imul(a ^ (a >> np.uint64(15)), a | np.uint64(1))
    t = ((t + imul(t ^ (t >> np.uint64(7)), t | np.uint64(61))) & mask) ^ t
    return ((t ^ (t >> np.uint64(14))) & mask).astype(np.float64) / 4294967296.0


def infer(net, points, spikes=False, window_ms=DEFAULT_WINDOW_MS, release=False, p=P_RELEASE,
          budget=False, cap=DEFAULT_CAP, seed=TEST_SEED):
    """Predicted classes and spikes per point (expected spikes without spikes)."""
    points = np.asarray(points, dtype=float)
    w1, b1, w2, b2 = (np.asarray(net[k]) for k in ("W1", "b1", "W2", "b2"))
    h_max = net["h_max"]
    n = len(points)
    activity, rate = [], []
    for j in range(N_HIDDEN):
        h = np.maximum(points[:, 0] * w1[0, j] + points[:, 1] * w1[1, j] + b1[j], 0.0)
        activity.append(np.minimum(h, h_max))
        rate.append(R_MAX * (activity[j] / h_max))
    total_rate = np.zeros(n)
    for j in range(N_HIDDEN):
        total_rate = total_rate + rate[j]
    expected = total_rate * BIN_S * window_ms
    gain = np.ones(n)
    if budget:
        gain = np.where(expected > cap, cap / np.where(expected > 0, expected, 1.0), 1.0)
    z = [np.full(n, b2[0]), np.full(n, b2[1])]
    if not spikes:                                 # release at its mean: the drive itself
        for j in range(N_HIDDEN):
            for k in (0, 1):
                z[k] = z[k] + w2[j, k] * activity[j]
        return (z[1] > z[0]).astype(int), expected * gain
    per_spike = h_max / ((R_MAX * gain) * BIN_S * window_ms)      # activity one spike stands for
    per_arrival = per_spike / p if release else per_spike         # one release stands for 1/p spikes
    bins = np.arange(n, dtype=np.int64)[:, None] * window_ms + np.arange(window_ms)   # (point, bin)
    fired = np.zeros(n, dtype=np.int64)
    for j in range(N_HIDDEN):
        chance = (rate[j] * gain) * BIN_S
        slot = (bins * N_HIDDEN + j) * 3
        spike = uniforms(seed, slot) < chance[:, None]
        fired += spike.sum(1)
        arrived = [(spike & (uniforms(seed, slot + 1 + k) < p) if release else spike).sum(1) for k in (0, 1)]
        for k in (0, 1):
            z[k] = z[k] + w2[j, k] * (arrived[k] * per_arrival)
    return (z[1] > z[0]).astype(int), fired


def data():
    """The task: 300 training and 400 test points, (x, y, x_test, y_test)."""
    rng = np.random.default_rng(0)
    return (*moons(300, 0.2, rng), *moons(400, 0.2, rng))


def trained():
    """Train the four variants: (networks, test points, test labels)."""
    x, y, x_test, y_test = data()
    nets = {key: train(x, y, fa, dale) for key, (fa, dale) in VARIANTS.items()}
    return nets, x_test, y_test


def evaluate(net, x_test, y_test, **settings):
    """Test accuracy (%), mean spikes per inference and energy per inference (pJ)."""
    predicted, spikes = infer(net, x_test, **settings)
    mean_spikes = sum(spikes.tolist()) / len(spikes)     # summed in order, as the explorable does
    return 100.0 * int(np.sum(predicted == y_test)) / len(y_test), mean_spikes, mean_spikes * SPIKE_ENERGY_PJ


def shipped(nets, x_test, y_test):
    """What the explorable loads: weights, test set and constants."""
    return {"nets": nets, "test": {"x": x_test.tolist(), "y": y_test.tolist()}, "grid": GRID,
            "constants": {"N_HIDDEN": N_HIDDEN, "R_MAX": R_MAX, "BIN_S": BIN_S, "SPIKE_ENERGY_PJ": SPIKE_ENERGY_PJ,
                          "P_RELEASE": P_RELEASE, "DEFAULT_WINDOW_MS": DEFAULT_WINDOW_MS,
                          "DEFAULT_CAP": DEFAULT_CAP, "TEST_SEED": TEST_SEED, "GRID_SEED": GRID_SEED}}


CONSTRAINTS = {                        # the table's inference settings, at the defaults
    "rates": {},
    "spikes": {"spikes": True},
    "spikes + release": {"spikes": True, "release": True},
    "spikes + release + budget": {"spikes": True, "release": True, "budget": True},
}

if __name__ == "__main__":
    nets, x_test, y_test = trained()
    if "--js" in sys.argv:
        print("/* Generated by `python snippets/biology_back/network.py --js`: do not edit. */")
        print(f"window.NNBioBackData = {json.dumps(shipped(nets, x_test, y_test), separators=(',', ':'))};")
        sys.exit(0)
    print("| training | inference | test accuracy | spikes per inference | energy (nJ) |")
    print("|---|---|---|---|---|")
    for key in VARIANTS:
        for name, settings in CONSTRAINTS.items():
            accuracy, spikes, energy = evaluate(nets[key], x_test, y_test, **settings)
            print(f"| {key} | {name} | {accuracy:.1f} % | {spikes:.1f} | {energy / 1000:.2f} |")
