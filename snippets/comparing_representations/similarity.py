"""Four ways to compare two representations of the same stimuli, in numpy.

Every representation is a matrix with one row per stimulus and one column per unit
(a neuron, a voxel, a model unit); the two matrices compared must have the same rows,
but may have different numbers of columns.

- RSA (Kriegeskorte et al. 2008): each representation becomes a representational
  dissimilarity matrix (RDM), 1 - Pearson correlation between the response patterns
  to every pair of stimuli; two RDMs are compared by the Spearman correlation of their
  upper triangles.
- Linear predictivity (Yamins et al. 2014): ridge regression predicts every unit of the
  target from all units of the model; the score is the median, over target units, of
  the correlation between prediction and data on stimuli held out of the fit.
- Linear CKA (Kornblith et al. 2019): centred kernel alignment with linear kernels.
- Procrustes (Williams et al. 2021): the distance left after the best rotation or
  reflection of one centred representation onto the other, and its angular form.
"""

import numpy as np


def rdm(responses):
    """Upper triangle of the RDM, 1 - Pearson r between the rows (stimuli), row by row."""
    patterns = responses - responses.mean(axis=1, keepdims=True)
    patterns /= np.linalg.norm(patterns, axis=1, keepdims=True)
    upper = np.triu_indices(len(responses), k=1)
    return 1 - (patterns @ patterns.T)[upper]


def ranks(values):
    """Ranks 0..n-1, tied values sharing their mean rank (averaged ranks can tie)."""
    rank = np.empty(len(values))
    rank[np.argsort(values)] = np.arange(len(values))
    _, group, counts = np.unique(values, return_inverse=True, return_counts=True)
    return (np.bincount(group, rank) / counts)[group]


def spearman(a, b):
    """Spearman's rank correlation: Pearson's correlation of the ranks."""
    return np.corrcoef(ranks(a), ranks(b))[0, 1]


def cosine(a, b):
    """Cosine of the angle between two RDMs (their distances are all positive: no centring)."""
    return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))


def rsa(model, brain):
    """Spearman correlation between the two RDMs."""
    return spearman(rdm(model), rdm(brain))


def cka(x, y):
    """Linear CKA: |Y'X|_F^2 / (|X'X|_F |Y'Y|_F) after centring every unit's responses."""
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    cross = np.linalg.norm(y.T @ x) ** 2
    return cross / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def procrustes(x, y):
    """Orthogonal Procrustes: (distance, angle in radians) between centred x and y.

    Both are scaled to unit Frobenius norm; the rotation (or reflection) Q that best
    maps y onto x leaves the distance |x - y Q|_F, and the angle arccos of their
    largest inner product, the sum of the singular values of x'y (Williams et al. 2021).
    x'y exists for any two widths, and zero units add nothing to it, so unequal numbers of
    units are compared as if the narrower were padded with zero units, as Williams et al. do.
    """
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    x /= np.linalg.norm(x)
    y /= np.linalg.norm(y)
    alignment = np.linalg.svd(x.T @ y, compute_uv=False).sum()
    alignment = min(alignment, 1.0)  # rounding can exceed 1 by 1e-16
    return np.sqrt(max(2 - 2 * alignment, 0.0)), np.arccos(alignment)


def folds(n_stimuli, n_folds):
    """Stimulus indices held out in each fold: every n_folds-th stimulus, in turn."""
    return [np.arange(k, n_stimuli, n_folds) for k in range(n_folds)]


def ridge_fit(features, targets, penalty):
    """Ridge weights and intercepts predicting every target column from all features."""
    f_mean, t_mean = features.mean(axis=0), targets.mean(axis=0)
    f = features - f_mean
    # the dual form: the solve is stimuli x stimuli, however many units the model has
    weights = f.T @ np.linalg.solve(f @ f.T + penalty * np.eye(len(f)), targets - t_mean)
    return weights, t_mean - f_mean @ weights


def predictivity(model, brain, n_folds=5, penalty=None):
    """Median over brain units of the held-out correlation of a ridge prediction from the model.

    The penalty is set relative to the model's total variance, so that scaling the
    model does not change the fit (the default is 0.1 % of the trace of its Gram matrix).
    """
    centred = model - model.mean(axis=0)
    if penalty is None:
        penalty = 0.001 * np.sum(centred**2)
    predicted = np.empty_like(brain)
    for held_out in folds(len(brain), n_folds):
        train = np.setdiff1d(np.arange(len(brain)), held_out)
        weights, intercept = ridge_fit(model[train], brain[train], penalty)
        predicted[held_out] = model[held_out] @ weights + intercept
    r = [np.corrcoef(predicted[:, i], brain[:, i])[0, 1] for i in range(brain.shape[1])]
    return float(np.median(r))


def rsa_noise_ceiling(sessions):
    """Nili et al. 2014's bounds, each session (or subject) an RDM of its own.

    Upper: the mean Spearman correlation of each session's RDM with the average of all
    sessions' RDMs (including its own); lower: with the average of the others. The
    average is taken over rank-transformed RDMs, the pooled RDM for a rank correlation
    (as rsatoolbox does). A model is scored the same way, by its mean correlation with
    the sessions' RDMs.
    """
    ranked = np.array([ranks(rdm(s)) for s in sessions])
    mean = ranked.mean(axis=0)
    upper = np.mean([spearman(r, mean) for r in ranked])
    lower = np.mean([spearman(r, np.delete(ranked, k, axis=0).mean(axis=0)) for k, r in enumerate(ranked)])
    return float(lower), float(upper)


def rsa_sessions(model, sessions):
    """The model's mean Spearman correlation with each session's RDM (Nili et al. 2014)."""
    model_rdm = rdm(model)
    return float(np.mean([spearman(model_rdm, rdm(s)) for s in sessions]))


def split_half_ceiling(sessions):
    """Median over units of the correlation a noiseless, perfect model would reach.

    The correlation r between the means of the first and second half of the sessions
    predicts the reliability of the mean of all of them as 2r / (1 + r) (Spearman-Brown);
    the true responses correlate with that noisy mean by its square root.
    """
    half = len(sessions) // 2
    first, second = sessions[:half].mean(axis=0), sessions[half:].mean(axis=0)
    r = np.array([np.corrcoef(first[:, i], second[:, i])[0, 1] for i in range(first.shape[1])])
    return float(np.median(np.sqrt(2 * r / (1 + r))))
