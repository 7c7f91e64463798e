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

import numpy as np
from metric_table import scores, show
from similarity import rsa_noise_ceiling, split_half_ceiling

DATA = Path(__file__).parent / "data" / "learned_codes.npz"
N_SESSIONS = 4
NOISE = 0.5  # s.d. of the recording noise in one session, in units of the code's s.d.


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
    show(*table(), height=5.6)
