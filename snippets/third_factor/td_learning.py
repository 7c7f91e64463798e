"""Temporal-difference learning reproduces the dopamine recordings.

A cue arrives at an unpredictable moment and a reward of r = 1 follows
D = 10 steps later, on every trial. Each of the steps t = 0..D-1 since the cue
is a state with a learned value V(t); before the cue there is nothing to
predict (value 0), and the trial ends with the reward at t = D. TD(0) learns V
with the error delta(t) = r(t) + gamma V(t) - V(t-1), made on the transition
into step t, and the update V(t-1) += eta delta(t) (Sutton 1988). The cue's own
arrival, at t = 0, is a transition from "nothing" to V(0), so it produces
delta = gamma V(0), which nothing can learn away. Schultz, Dayan & Montague (1997) compared delta
with the firing of midbrain dopamine neurons: early in learning it is at the
reward, after learning at the cue, and a reward that is omitted leaves a dip.
"""

import matplotlib.pyplot as plt
import numpy as np

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


D, GAMMA, ETA = 10, 0.9, 0.2


def td_errors(v, reward=1.0):
    """TD errors delta(t) of one trial, for t = 0 (cue) .. D (reward)."""
    before = np.concatenate([[0.0], v])            # value before each transition: "nothing", V(0..D-1)
    after = np.concatenate([v, [0.0]])             # value after it: V(0..D-1), end of trial
    r = np.zeros(D + 1)
    r[D] = reward
    return r + GAMMA * after - before


def learn(trials, reward=1.0):
    """Values V(0..D-1) and the TD errors of every trial."""
    v = np.zeros(D)
    history = []
    for _ in range(trials):
        delta = td_errors(v, reward)
        history.append(delta)
        v += ETA * delta[1:]                       # delta(t) corrects V(t-1); "nothing" is not learnable
    return v, np.array(history)


def closed_form_values(reward=1.0):
    """Converged values: V(t) = gamma^(D - 1 - t) r."""
    return reward * GAMMA ** (D - 1 - np.arange(D))


if __name__ == "__main__":
    v, history = learn(200)
    # at most 48 characters a line: a printed result fits a 390-px phone whole
    for name, values in ((f"learned V, t = 0..{D - 1}:", v), ("closed form V:", closed_form_values())):
        print(name)
        for half in (values[:5], values[5:]):
            print("  " + "  ".join(f"{x:.3f}" for x in half))
    print(f"after learning: δ at cue {history[-1][0]:.3f} (γᴰ = {GAMMA ** D:.3f}),")
    print(f"  at reward {reader(history[-1][-1])}")
    omitted = td_errors(v, reward=0.0)
    print(f"reward omitted: δ at the reward time {omitted[-1]:.3f}")

    t = np.arange(D + 1)
    fig, axes = plt.subplots(1, 3, figsize=(7, 3.0), sharey=True)
    panels = ((history[0], "trial 1"), (history[-1], "after 200 trials"), (omitted, "reward omitted"))
    for ax, (delta, title) in zip(axes, panels):
        ax.bar(t, delta, color="C4", width=0.8)
        ax.axvline(0, color="C0", linestyle=":", linewidth=1)
        ax.axvline(D, color="C3", linestyle=":", linewidth=1)
        ax.set_title(title)
        ax.set_xticks([0, D], ["cue", "reward"])
        # each word set inwards from its tick, so one panel's "reward" and the next
        # panel's "cue" do not run together
        cue, reward = ax.get_xticklabels()
        cue.set_horizontalalignment("left")
        reward.set_horizontalalignment("right")
    fig.supxlabel("steps after cue", fontsize=plt.rcParams["axes.labelsize"])  # once, under all three
    axes[0].set_ylabel(r"TD error $\delta(t)$")
    axes[0].set_ylim(-1.1, 1.1)
    plt.show()
