"""The four metrics applied to the filters learned from natural images (receptive-fields page).

The stand-in for a recording is the sparse code of the receptive-fields page: the
coefficients its 144 learned dictionary elements take for 240 natural-image patches
(data/learned_codes.npz, exported once by scripts/export_learned_codes.py, since
learning the dictionary takes longer than a snippet may run). It is "recorded" in
N_SESSIONS sessions with independent noise, as the simulated brain above is, so that
the noise ceilings can be estimated. The models are the same inference run with other
dictionaries (the Gabor functions fitted to the learned elements, the ZCA whitening
filters, random filters), and the code itself with its units permuted or rotated,
whose answers are known in advance.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from metric_table import scores
from similarity import rsa_noise_ceiling, split_half_ceiling

DATA = Path(__file__).parent / "data" / "learned_codes.npz"
N_SESSIONS = 4
NOISE = 0.5  # s.d. of the recording noise in one session, in units of the code's s.d.
TITLES = {"RSA": "RSA (Spearman)", "predictivity": "linear predictivity", "CKA": "linear CKA"}


def load_codes():
    """The sparse code of every stimulus under each dictionary: {name: (stimuli, units)}."""
    with np.load(DATA) as data:
        return {str(name): code.astype(np.float64) for name, code in zip(data["dictionaries"], data["codes"])}


def systems(seed=0):
    """The learned code's noisy sessions (N_SESSIONS, stimuli, units) and a dict of named models."""
    codes = load_codes()
    rng = np.random.default_rng(seed)
    code = codes["learned"]
    sessions = code + NOISE * code.std() * rng.normal(size=(N_SESSIONS, *code.shape))
    rotation, _ = np.linalg.qr(rng.normal(size=(code.shape[1], code.shape[1])))
    models = {
        "the learned code": code,
        "units permuted": code[:, rng.permutation(code.shape[1])],
        "units rotated": code @ rotation,
        "Gabor fits": codes["Gabor fits"],
        "ZCA filters": codes["ZCA filters"],
        "random filters": codes["random filters"],
    }
    return sessions, models


def table(seed=0):
    """Scores of every model, and the two ceilings: ((lower, upper) for RSA, predictivity)."""
    sessions, models = systems(seed)
    return {name: scores(m, sessions) for name, m in models.items()}, rsa_noise_ceiling(sessions), split_half_ceiling(sessions)


if __name__ == "__main__":
    results, rsa_ceiling, predictivity_ceiling = table()
    metrics = list(next(iter(results.values())))
    print("| model | " + " | ".join(metrics) + " |")
    print("|---|" + "---:|" * len(metrics))
    for name, row in results.items():
        print(f"| {name} | " + " | ".join(f"{row[m]:.3f}".replace("-", "−") for m in metrics) + " |")
    print(f"| noise ceiling | {rsa_ceiling[0]:.3f} to {rsa_ceiling[1]:.3f} | {predictivity_ceiling:.3f} | – | – |")

    names = list(results)
    y = np.arange(len(names))[::-1]
    fig, axes = plt.subplots(2, 2, figsize=(7, 5.6), sharey=True)
    for ax, metric, colour in zip(axes.flat, metrics, ("C0", "C1", "C2", "C4")):
        values = [results[n][metric] for n in names]
        ax.barh(y, values, color=colour, height=0.6)
        if metric == "RSA":
            for bound, style in zip(rsa_ceiling, (":", "--")):  # the ceiling's lower and upper bounds
                ax.axvline(bound, color="C6", lw=2, ls=style, zorder=3)
        if metric == "predictivity":
            ax.axvline(predictivity_ceiling, color="C6", lw=2, ls="--", zorder=3)
        if metric == "Procrustes angle":
            ax.set_xlim(0, np.pi / 2)
            ax.set_xticks([0, np.pi / 4, np.pi / 2], ["0", r"$\pi/4$", r"$\pi/2$"])
            ax.set_title("Procrustes angle (0 = same)")
        else:
            ax.set_xlim(0, 1)
            ax.set_title(TITLES[metric])
    for ax in axes[:, 0]:
        ax.set_yticks(y, names)
    plt.show()
