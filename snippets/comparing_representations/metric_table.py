"""What four similarity metrics say about models whose difference from a brain is known.

A simulated "brain": N_UNITS neurons respond to N_STIMULI stimuli as a random linear
readout of a LATENT_DIM-dimensional latent code, rectified (firing rates are not
negative), and each stimulus is recorded in N_SESSIONS sessions with independent
noise. The models are made from the same noiseless responses, changed in one known way
each, plus a second brain (same latent code, other neurons) and a model with another
latent code. Each metric compares a model with the brain's session-averaged responses;
the noise ceilings say how far a perfect model could reach through the noise.
"""

import matplotlib.pyplot as plt
import numpy as np
from similarity import cka, predictivity, procrustes, rsa_noise_ceiling, rsa_sessions, split_half_ceiling

N_STIMULI = 120
N_UNITS = 50
LATENT_DIM = 6
N_SESSIONS = 4
NOISE = 0.5  # s.d. of the recording noise in one session, in units of the responses' s.d.


TITLES = {"RSA": "RSA (Spearman)", "predictivity": "linear predictivity", "CKA": "linear CKA"}


def population(latent, rng):
    """Noiseless responses of N_UNITS rectified linear neurons to the latent code."""
    readout = rng.normal(size=(latent.shape[1], N_UNITS)) / np.sqrt(latent.shape[1])
    drive = latent @ readout + 0.5  # a baseline, so most neurons fire for most stimuli
    rates = np.maximum(drive, 0)
    return rates / rates.std()


def systems(seed=0):
    """The brain's sessions (N_SESSIONS, stimuli, units) and a dict of named models."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(N_STIMULI, LATENT_DIM))
    truth = population(latent, rng)
    sessions = truth + NOISE * rng.normal(size=(N_SESSIONS, *truth.shape))

    rotation, _ = np.linalg.qr(rng.normal(size=(N_UNITS, N_UNITS)))
    dominant = truth.copy()
    dominant[:, :3] *= 10  # three units with 100 times the variance; nothing else changed
    other_brain = population(latent, rng)
    other_brain_sessions = other_brain + NOISE * rng.normal(size=(N_SESSIONS, *truth.shape))
    models = {
        "the true responses": truth,
        "rotated": truth @ rotation,
        "nonlinearity (cube)": (truth - truth.mean(axis=0)) ** 3,
        "noisy (s.d. 1.5)": truth + 1.5 * rng.normal(size=truth.shape),
        "3 dominant units": dominant,
        "second brain": other_brain_sessions.mean(axis=0),
        "another latent code": population(rng.normal(size=latent.shape), rng),
    }
    return sessions, models


def scores(model, sessions):
    """RSA, linear predictivity, linear CKA and Procrustes angle (radians) against the brain."""
    brain = sessions.mean(axis=0)
    return {
        "RSA": rsa_sessions(model, sessions),
        "predictivity": predictivity(model, brain),
        "CKA": cka(model, brain),
        "Procrustes angle": procrustes(model, brain)[1],
    }


def table(seed=0):
    """Scores of every model, and the two ceilings: ((lower, upper) for RSA, predictivity)."""
    sessions, models = systems(seed)
    return {name: scores(m, sessions) for name, m in models.items()}, rsa_noise_ceiling(sessions), split_half_ceiling(sessions)


def show(results, rsa_ceiling, predictivity_ceiling, height=6.4):
    """Print the scores as a table and draw them as bars, one panel a metric, with the ceilings."""
    metrics = list(next(iter(results.values())))
    print("| model | " + " | ".join(metrics) + " |")
    print("|---|" + "---:|" * len(metrics))
    for name, row in results.items():
        # a true minus sign, as the page writes numbers
        print(f"| {name} | " + " | ".join(f"{row[m]:.3f}".replace("-", "−") for m in metrics) + " |")
    print(f"| noise ceiling | {rsa_ceiling[0]:.3f} to {rsa_ceiling[1]:.3f} | {predictivity_ceiling:.3f} | – | – |")

    names = list(results)
    y = np.arange(len(names))[::-1]
    # Every bar is the same neutral grey: a model's place is read from its length, and the
    # site's other colours stand for parts of a neuron. The ceilings are drawn in ink over
    # them and named in a free row above the bars, left of their line; only the top row's
    # panels (RSA, predictivity) have ceilings, so only that row keeps the free row.
    ink = plt.rcParams["text.color"]
    fig, axes = plt.subplots(2, 2, figsize=(7, height), sharey="row", layout="constrained")
    # room between the rows, so that a title does not sit on the ticks of the panel above
    # (also when the panels are stacked on a phone), and a little at the figure's edges
    fig.get_layout_engine().set(h_pad=0.1, w_pad=0.08)
    for ax, metric in zip(axes.flat, metrics):
        values = [results[n][metric] for n in names]
        ax.barh(y, values, color="C6", height=0.6)
        if metric == "RSA":
            # a band from the lower bound (its left edge, dotted) to the upper bound (its
            # right edge, dashed), shaded over the bars: a score inside it is as high as
            # the noise allows
            lower, upper = rsa_ceiling
            whole_height = ax.get_xaxis_transform()  # x in data, y from the axes' bottom (0) to top (1)
            ax.fill_betweenx([0, 1], lower, upper, transform=whole_height, color=ink, alpha=0.2, lw=0, zorder=2)
            ax.axvline(lower, color=ink, lw=1.2, ls=":", zorder=3)
            ax.axvline(upper, color=ink, lw=1.2, ls="--", zorder=3)
        elif metric == "predictivity":
            ax.axvline(predictivity_ceiling, color=ink, lw=1.2, ls="--", zorder=3)
        ceilings = {"RSA": rsa_ceiling, "predictivity": (predictivity_ceiling,)}.get(metric, ())
        if ceilings:
            # offset in points, so the label keeps clear of the line at any size
            label_at = (min(ceilings), len(names) - 0.1)
            ax.annotate("noise ceiling", label_at, xytext=(-6, 0), textcoords="offset points", ha="right", va="center")
        if metric == "Procrustes angle":
            ax.set_xlim(0, np.pi / 2)
            ax.set_xticks([0, np.pi / 4, np.pi / 2], ["0", r"$\pi/4$", r"$\pi/2$"])
            ax.set_title("Procrustes angle")
            ax.set_xlabel("radians (0 = same shape)")
        else:
            ax.set_xlim(min(0, min(values) - 0.05), 1)
            ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])  # as on the angle's axis: three ticks
            ax.set_title(TITLES[metric])
    axes[0, 0].set_ylim(-0.6, len(names) + 0.4)  # a free row above the bars for the labels
    axes[1, 0].set_ylim(-0.6, len(names) - 0.4)
    for ax in axes[:, 0]:
        ax.set_yticks(y, names)
    plt.show()


if __name__ == "__main__":
    show(*table())
