"""ANN to SNN conversion: an integrate-and-fire neuron's rate is a ReLU.

An integrate-and-fire (IF) neuron with no leak, threshold 1 and reset by
subtraction, driven by a constant input a per time step and starting at V = 0,
fires exactly floor(a T) spikes in T steps for 0 <= a <= 1 (and none for a <= 0):
its rate floor(a T) / T differs from ReLU(a) by less than 1 / T.
Conversion (Cao et al. 2015; Diehl et al. 2015, whose neurons were reset to zero;
reset by subtraction from Rueckauer et al. 2016, 2017) trains an ordinary ReLU
network, then runs the same weights with IF neurons, the activations having been
scaled so the largest one on the training data is 1 (a simplified form of Diehl
et al.'s normalisation), and reads out spike counts.
Here a 2-16-16-2 ReLU network learns two interleaved half-moons; its converted
copy runs for T = 4 to 1024 steps.
Left: IF rate against ReLU for T = 8 and T = 64. Right: mean difference between
each layer's spike rates and the ReLU activations it replaces, against T.
"""

import matplotlib.pyplot as plt
import numpy as np


def if_rate(a, steps):
    """Simulated rate (spikes per step) of IF neurons with constant inputs a."""
    a = np.asarray(a, dtype=float)
    v, count = np.zeros_like(a), np.zeros_like(a)
    for _ in range(steps):
        v += a
        fired = v >= 1.0
        v -= fired
        count += fired
    return count / steps


def if_rate_closed_form(a, steps):
    return np.floor(np.clip(a, 0.0, 1.0) * steps + 1e-9) / steps


def steps_for_rate_error(max_error, grid=np.linspace(0.0, 1.0, 10_001)):
    """The fewest time steps T for which the IF rate is within max_error of ReLU(a) for
    every input a of the grid in [0, 1]."""
    steps = 1
    while np.max(np.abs(if_rate_closed_form(grid, steps) - grid)) > max_error:
        steps += 1
    return steps

def moons(n, rng):
    t = rng.uniform(0, np.pi, n)
    y = rng.integers(0, 2, n)
    x = np.where(y[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    return x + 0.1 * rng.normal(size=(n, 2)), y


def train_relu_net(x, y, rng, hidden=16, steps=1500, lr=0.1):
    """Full-batch gradient descent on a 2-16-16-2 ReLU network, cross-entropy.

    The only bias is a constant third input to the first layer, so that the
    converted network needs no bias currents.
    """
    sizes = [3, hidden, hidden, 2]
    ws = [rng.normal(0, np.sqrt(2 / m), (n, m)) for m, n in zip(sizes[:-1], sizes[1:])]
    xb = inputs(x)
    onehot = np.eye(2)[y]
    for _ in range(steps):
        hs = [xb]
        for w in ws[:-1]:
            hs.append(np.maximum(0, hs[-1] @ w.T))
        z = hs[-1] @ ws[-1].T
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        delta = (p - onehot) / len(x)
        for k in reversed(range(len(ws))):
            grad = delta.T @ hs[k]
            delta = (delta @ ws[k]) * (hs[k] > 0)
            ws[k] -= lr * grad
    return ws


def inputs(x):
    return np.c_[x - 0.5, np.ones(len(x))]


def relu_layers(ws, x):
    hs = [inputs(x)]
    for w in ws:
        hs.append(np.maximum(0, hs[-1] @ w.T))
    return hs[1:]


def normalise(ws, x):
    """A simplified form of Diehl et al.'s data-based normalisation: scale so every layer's largest activation is 1.

    Diehl et al. (2015) divide each layer's weights by max(largest positive weight,
    largest activation), relative to the previous layer's factor; this version uses
    the largest activation alone.
    """
    out, previous = [], 1.0
    for w, h in zip(ws, relu_layers(ws, x)):
        top = h.max()
        out.append(w * previous / top)
        previous = top
    return out


def snn_rates(ws, x, steps):
    """Run the normalised weights with IF neurons (reset by subtraction); return rates per layer."""
    a = inputs(x)
    vs = [np.zeros((len(x), w.shape[0])) for w in ws]
    counts = [np.zeros_like(v) for v in vs]
    for _ in range(steps):
        s = a                                         # inputs as constant currents
        for k, w in enumerate(ws):
            vs[k] += s @ w.T
            s = (vs[k] >= 1.0).astype(float)
            vs[k] -= s
            counts[k] += s
    return [c / steps for c in counts]


T_VALUES = 2 ** np.arange(2, 11)

if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x, y = moons(400, rng)
    x_test, y_test = moons(400, rng)
    ws = normalise(train_relu_net(x, y, rng), x)
    ann = relu_layers(ws, x_test)
    ann_class = ann[-1].argmax(1)
    print(f"ReLU network test accuracy: {np.mean(ann_class == y_test):.3f}")
    errors = []                                       # one row per T, one column per layer
    # at most 48 characters a line: a printed result fits a 390-px phone whole
    print("mean |rate - activation| per layer, and the")
    print("share of test inputs classified differently:")
    print(f"{'T':>5}" + "".join(f"{name:>10}" for name in ("hidden 1", "hidden 2", "output", "differ")))
    for steps in T_VALUES:
        snn = snn_rates(ws, x_test, steps)
        errors.append([np.mean(np.abs(s - h)) for s, h in zip(snn, ann)])
        disagree = np.mean(snn[-1].argmax(1) != ann_class)
        print(f"{steps:5d}" + "".join(f"{e:10.4f}" for e in errors[-1]) + f"{disagree:10.3f}")
    errors = np.array(errors)

    fig, (ax_r, ax_e) = plt.subplots(1, 2, figsize=(7, 3.4))
    a = np.linspace(-0.3, 1.2, 601)
    ax_r.plot(a, np.maximum(0, a), color="C3", label=r"$\mathrm{ReLU}(a)$")
    for steps, colour in ((8, "C2"), (64, "C4")):
        ax_r.step(a, if_rate(a, steps), where="post", color=colour, linewidth=1.5, label=f"IF rate, $T = {steps}$")
    ax_r.set_xlabel(r"input per step $a$")
    ax_r.set_ylabel("output (spikes per step)")
    ax_r.legend(loc="upper left")
    for k, (name, colour, marker) in enumerate((("hidden 1", "C0", "o"), ("hidden 2", "C2", "s"),
                                                ("output", "C4", "^"))):
        ax_e.loglog(T_VALUES, errors[:, k], marker=marker, color=colour, label=name)
    ax_e.loglog(T_VALUES, 1.0 / T_VALUES, ":", color="C6", label=r"$1/T$")
    ax_e.set_xlabel(r"simulation time $T$ (steps)")
    ax_e.set_ylabel(r"mean $|$rate $-$ activation$|$")
    ax_e.legend(loc="lower left")
    plt.show()
