"""A small rate RNN trained in numpy to integrate noisy evidence, and its fixed points.

Task: on each trial a hidden coherence m is drawn from COHERENCES (either sign),
the network receives u_t = m + xi_t (xi_t Gaussian, sd SIGMA) for T_MIN to T_MAX
steps, drawn per trial, and at the last step its readout z = w_out . h + c must say
the sign of m (cross-entropy loss). Network: N leaky tanh units,
h_{t+1} = (1 - ALPHA) h_t + ALPHA tanh(W h_t + w_in u_t + b), h_0 = 0. Training:
backpropagation through time and Adam, written out by hand; all seeds train at
once (one weight set per seed, stacked). Test trials last T_TRAIN steps.

The ideal observer sums the evidence and reports its sign; its accuracy is
P = Phi(|m| sqrt(T) / SIGMA) per coherence. After training, the fixed points and
slow points of the input-free network are found by minimising
q(h) = 1/2 |F(h) - h|^2 with F(h) = tanh(W h + b) (Sussillo & Barak 2013; the leak
does not move the fixed points), from many states the network visited, and
classified by their Jacobian's eigenvalues: how fast the state leaves or returns to
each point, not just how many stable points there are.
"""

import math

import numpy as np

from decision_ddm import mean_time, p_correct   # the DDM's closed forms (Figure 1)

N = 16                      # units
T_MIN, T_MAX = 10, 30       # a training trial lasts T_MIN..T_MAX steps (uniform)
T_TRAIN = 20                # the test trials' length
SIGMA = 1.0                 # noise sd of the evidence per step
COHERENCES = np.array([0.05, 0.1, 0.2, 0.4])
SEEDS = (0, 1, 2, 3, 4)
STEPS = 300                 # Adam steps
BATCH = 64
LR = 0.03
ALPHA = 0.2                 # dt / tau: each step moves h a fifth of the way to tanh(...)


def phi(x):
    """Standard normal cumulative distribution."""
    return 0.5 * (1 + np.vectorize(math.erf)(np.asarray(x) / math.sqrt(2)))


def ideal_accuracy(m, t=T_TRAIN, sigma=SIGMA):
    """Accuracy of summing t samples of m + noise and reporting the sign."""
    return phi(np.abs(m) * np.sqrt(t) / sigma)


def make_trials(rng, shape, t=T_TRAIN):
    """Coherences (shape) and evidence streams (shape + (t,))."""
    m = rng.choice(COHERENCES, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    u = m[..., None] + SIGMA * rng.standard_normal(shape + (t,))
    return m, u


def init_params(seeds):
    """One parameter set per seed, stacked along the first axis."""
    ps = []
    for s in seeds:
        r = np.random.default_rng(s)
        ps.append(dict(W=r.standard_normal((N, N)) * 0.9 / np.sqrt(N),
                       w_in=r.standard_normal(N) * 0.5,
                       b=np.zeros(N),
                       w_out=r.standard_normal(N) / np.sqrt(N),
                       c=np.zeros(())))
    return {k: np.stack([p[k] for p in ps]) for k in ps[0]}


def run(p, u, keep_f=False):
    """States h (S, B, t+1, N) for inputs u (S, B, t); h[:, :, 0] = 0.

    h_{k+1} = (1 - ALPHA) h_k + ALPHA f_k with f_k = tanh(W h_k + w_in u_k + b)."""
    s, bsz, t = u.shape
    h = np.zeros((s, bsz, t + 1, N))
    f = np.zeros((s, bsz, t, N))
    wt = p["W"].transpose(0, 2, 1)
    for k in range(t):
        f[:, :, k] = np.tanh(h[:, :, k] @ wt + u[:, :, k, None] * p["w_in"][:, None]
                             + p["b"][:, None])
        h[:, :, k + 1] = (1 - ALPHA) * h[:, :, k] + ALPHA * f[:, :, k]
    return (h, f) if keep_f else h


def readout(p, h):
    """Readout z = w_out . h + c for states h (S, ..., N)."""
    extra = h.ndim - 2
    w = p["w_out"].reshape(p["w_out"].shape[:1] + (1,) * extra + (N,))
    c = p["c"].reshape(p["c"].shape + (1,) * extra)
    return (h * w).sum(-1) + c


def loss_and_grads(p, u, y, ends):
    """Mean cross-entropy of the readout at each trial's last step, and its gradients (BPTT).

    u (S, B, T_MAX) evidence, y (S, B) labels 0/1, ends (S, B) the step (1..T_MAX) at
    which each trial stops and is read out; steps after it do not matter."""
    h, f = run(p, u, keep_f=True)
    z = readout(p, h[:, :, 1:])                                     # (S, B, T_MAX)
    mask = (np.arange(1, u.shape[2] + 1) == ends[..., None])        # read at the end
    zt = (z * mask).sum(-1)
    prob = 1 / (1 + np.exp(-zt))
    loss = -np.mean(y * np.log(prob + 1e-12) + (1 - y) * np.log(1 - prob + 1e-12), axis=1)
    dz = mask * ((prob - y) / u.shape[1])[..., None]               # (S, B, T_MAX)
    g = {k: np.zeros_like(v) for k, v in p.items()}
    g["w_out"] = np.einsum("sbt,sbtn->sn", dz, h[:, :, 1:])
    g["c"] = dz.sum((1, 2))
    dh = np.zeros(h.shape[:2] + (N,))
    for k in range(u.shape[2] - 1, -1, -1):
        dh = dh + dz[:, :, k, None] * p["w_out"][:, None]          # readout at step k + 1
        da = ALPHA * dh * (1 - f[:, :, k] ** 2)
        g["W"] += da.transpose(0, 2, 1) @ h[:, :, k]
        g["w_in"] += np.einsum("sbn,sb->sn", da, u[:, :, k])
        g["b"] += da.sum(1)
        dh = (1 - ALPHA) * dh + da @ p["W"]
    return loss, g


def train(seeds=SEEDS, steps=STEPS, rng=None):
    """Train one network per seed with Adam; returns parameters and loss curves."""
    rng = np.random.default_rng(100) if rng is None else rng
    p = init_params(seeds)
    m1 = {k: np.zeros_like(v) for k, v in p.items()}
    m2 = {k: np.zeros_like(v) for k, v in p.items()}
    losses = []
    for it in range(1, steps + 1):
        m, u = make_trials(rng, (len(seeds), BATCH), T_MAX)
        ends = rng.integers(T_MIN, T_MAX + 1, size=m.shape)
        loss, g = loss_and_grads(p, u, (m > 0).astype(float), ends)
        losses.append(loss)
        for k in p:
            m1[k] = 0.9 * m1[k] + 0.1 * g[k]
            m2[k] = 0.999 * m2[k] + 0.001 * g[k] ** 2
            p[k] = p[k] - LR * (m1[k] / (1 - 0.9 ** it)) / (np.sqrt(m2[k] / (1 - 0.999 ** it)) + 1e-8)
    return p, np.array(losses)


def one(p, i):
    """Parameters of seed i alone."""
    return {k: v[i] for k, v in p.items()}


def find_fixed_points(W, b, starts, iters=40):
    """Minimise q(h) = 1/2 |tanh(W h + b) - h|^2 from each start (Gauss-Newton steps).

    Returns the end points and their q values."""
    h = starts.copy()
    lam = 1e-3
    for _ in range(iters):
        f = np.tanh(h @ W.T + b)
        r = f - h
        jac = (1 - f ** 2)[:, :, None] * W[None] - np.eye(len(b))[None]   # dr/dh
        jt = jac.transpose(0, 2, 1)
        step = np.linalg.solve(jt @ jac + lam * np.eye(len(b))[None], (jt @ r[..., None]))[..., 0]
        h = h - step
    r = np.tanh(h @ W.T + b) - h
    return h, 0.5 * (r ** 2).sum(1)


def jacobian(W, b, h):
    """Jacobian of the input-free step h -> (1 - ALPHA) h + ALPHA tanh(W h + b) at h."""
    f = np.tanh(W @ h + b)
    return (1 - ALPHA) * np.eye(len(b)) + ALPHA * (1 - f ** 2)[:, None] * W


def fixed_points(W, b, starts):
    """Distinct fixed points of the input-free network and their leading |eigenvalue|."""
    h, q = find_fixed_points(W, b, starts)
    h = h[q < 1e-12]
    out = []
    for x in h:
        if all(np.abs(x - y).max() > 1e-2 for y, _ in out):
            out.append((x, np.abs(np.linalg.eigvals(jacobian(W, b, x))).max()))
    return out


def time_constant(lam):
    """Steps for a deviation along the leading mode to shrink (|lambda| < 1) or grow
    (|lambda| > 1) by a factor e: 1 / |ln |lambda||."""
    return 1 / abs(math.log(lam))


THETA = 1.5                 # bound on the readout (the network's log-odds) for a reaction time


def classify(points, theta=THETA, t_long=T_MAX):
    """'two attractors', 'line attractor (approx.)' or 'leaky integrator'.

    points: (readout z, leading |eigenvalue|) of each fixed point. A network commits
    (two attractors, as in the Wong-Wang model) only if a saddle lies between two
    stable points, the saddle pushes the state away within the longest trial (its
    time constant is at most t_long steps) and both stable points lie beyond the
    decision bound |z| >= theta, so the state it runs to is a decision. Otherwise
    the slowest time constant of any fixed point decides: longer than the longest
    trial -> an approximate line attractor (the state hardly moves along its slow
    direction on the task's time scale), otherwise a leaky integrator. The cut at
    t_long is a convention: the two differ in degree, not in kind."""
    stable = [z for z, lam in points if lam < 1]
    if len(stable) >= 2 and min(stable) <= -theta and max(stable) >= theta:
        if any(min(stable) < z < max(stable) and time_constant(lam) <= t_long
               for z, lam in points if lam > 1):
            return "two attractors"
    slowest = max(time_constant(lam) for _, lam in points)
    return "line attractor (approx.)" if slowest > t_long else "leaky integrator"


def leaky_efficiency(tau, t=T_TRAIN):
    """Squared signal-to-noise ratio of a sum whose samples fade with time constant
    tau (weights exp(-(t - k) / tau)), relative to the plain sum of t samples."""
    w = np.exp(-np.arange(t) / tau)
    return w.sum() ** 2 / (t * (w ** 2).sum())


T_RT = 200                  # steps a reaction-time trial may last


def reaction_times(p, m, rng, n=600, theta=THETA, t_max=T_RT):
    """Correct (1) or not (0) and decision steps of every seed at coherence +-m.

    Half the trials have drift +m, half -m. The decision is the first step at which
    |z_t| >= theta; the choice is its sign. Trials that never reach the bound within
    t_max steps count as undecided (nan)."""
    sign = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    u = sign[:, None] * m + SIGMA * rng.standard_normal((len(p["c"]), n, t_max))
    z = readout(p, run(p, u)[:, :, 1:])
    hit = np.abs(z) >= theta
    first = np.where(hit.any(-1), hit.argmax(-1), -1)
    choice = np.sign(np.take_along_axis(z, np.maximum(first, 0)[..., None], -1)[..., 0])
    rt = np.where(first >= 0, first + 1.0, np.nan)
    return np.where(first >= 0, choice == sign, np.nan), rt


def fit_bound(mus, accuracy):
    """The DDM bound whose closed-form accuracy best fits the measured one (least squares)."""
    grid = np.linspace(0.1, 15, 3000)
    err = ((p_correct(np.asarray(mus)[None], grid[:, None], SIGMA) - accuracy[None]) ** 2).sum(1)
    return grid[err.argmin()]


if __name__ == "__main__":
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    p, losses = train()
    m, u = make_trials(rng, (len(SEEDS), 2000), T_TRAIN)
    h = run(p, u)
    acc = ((readout(p, h[:, :, -1]) > 0) == (m > 0)).mean(1)
    ideal = ideal_accuracy(COHERENCES).mean()
    fps, kinds = [], []
    print(f"accuracy on {T_TRAIN}-step trials; ideal observer {ideal:.3f}")
    # At most 48 characters a line: the result fits a 390-px phone at 12 px unscrolled.
    # Each network's fixed points go on their own lines under its row.
    print("fixed points: readout z (leading |eigenvalue|,\n"
          "time constant in steps: to return if below 1,\n"
          "to escape if above)")
    print("seed  accuracy  class")
    for i, s in enumerate(SEEDS):
        q = one(p, i)
        starts = h[i].reshape(-1, N)[rng.integers(0, h[i].shape[0] * h[i].shape[1], 200)]
        pts = fixed_points(q["W"], q["b"], starts)
        fps.append([(float(x @ q["w_out"] + q["c"]), lam) for x, lam in pts])
        kinds.append(classify(fps[-1]))
        first, *more = [f"{zz:+.2f} ({lam:.3f}, {time_constant(lam):.0f})" for zz, lam in sorted(fps[-1])]
        print(f"{s:4d}  {acc[i]:.3f}     {kinds[-1]}")
        for desc in (first, *more):
            print(f"{'':16s}z {desc}")

    mus = COHERENCES
    res = [reaction_times(p, mu, rng) for mu in mus]
    correct = np.array([np.nanmean(c, 1) for c, _ in res]).T        # (seed, coherence)
    mean_rt = np.array([np.nanmean(r, 1) for _, r in res]).T
    print(f"\nreaction-time trials to the bound |z| ≥ {THETA};\n"
          "the DDM's bound a is fitted to the network's\n"
          "accuracy, then a delay (steps) to its mean time")
    # Three narrow tables (the fit, P(correct), mean time) rather than one row 107
    # characters wide: each at most 48.
    drifts = "".join(f"{f'c = {mu:g}':>11s}" for mu in mus)
    fits, worst_p, worst_t, fit_rows, p_rows, time_rows = [], 0.0, 0.0, [], [], []
    for i, s in enumerate(SEEDS):
        a = fit_bound(mus, correct[i])
        pred = mean_time(mus, a, SIGMA)
        t0 = max(0.0, np.mean(mean_rt[i] - pred))      # a delay, never negative
        fits.append((a, t0))
        worst_p = max(worst_p, np.abs(correct[i] - p_correct(mus, a, SIGMA)).max())
        worst_t = max(worst_t, np.abs(mean_rt[i] - pred - t0).max())
        fit_rows.append(f"{s:4d}  {a:5.2f}  {t0:5.1f}")
        p_rows.append(f"{s:4d}"
                      + "".join(f"  {c:.2f}/{d:.2f}" for c, d in zip(correct[i], p_correct(mus, a, SIGMA))))
        time_rows.append(f"{s:4d}"
                         + "".join(f"  {r:4.1f}/{d + t0:4.1f}" for r, d in zip(mean_rt[i], pred)))
    print("seed      a  delay")
    print("\n".join(fit_rows))
    print(f"\nP(correct), network/DDM\nseed{drifts}")
    print("\n".join(p_rows))
    print(f"\nmean time in steps, network/(DDM + delay)\nseed{drifts}")
    print("\n".join(time_rows))

    print(f"largest difference, network - DDM:\n{worst_p:.3f} in P(correct), "
          f"{worst_t:.1f} steps in mean time")

    colours = {"line attractor (approx.)": "C2", "two attractors": "C1", "leaky integrator": "C0"}
    # Side by side on a desktop; a phone shows the three panels stacked (the site's engine).
    fig, axs = plt.subplot_mosaic([["fp", "psy", "chr"]], figsize=(7, 3.6), layout="constrained")
    ax = axs["fp"]
    for sgn in (-1, 1):
        ax.axhline(sgn * THETA, color="C3", ls="--", lw=1)      # the decision bound
    for i, (pts, kind) in enumerate(zip(fps, kinds)):
        for zz, lam in pts:
            ax.plot(i, zz, "o", ms=9 if lam < 1 else 11, mew=2, color=colours[kind],
                    markerfacecolor=colours[kind] if lam < 1 else "none", zorder=2 if lam < 1 else 3)
    ax.set_xticks(range(len(SEEDS)), [str(s) for s in SEEDS])
    ax.set_xlabel("random seed")
    ax.set_ylabel("readout $z$ at fixed point")
    ax.set_xlim(-0.5, len(SEEDS) - 0.5)
    fine = np.linspace(0.02, 0.45, 100)
    for i, kind in enumerate(kinds):
        a, t0 = fits[i]
        axs["psy"].plot(mus, correct[i], "o", color=colours[kind])
        axs["psy"].plot(fine, p_correct(fine, a, SIGMA), color=colours[kind], lw=1)
        axs["chr"].plot(mus, mean_rt[i], "o", color=colours[kind])
        axs["chr"].plot(fine, mean_time(fine, a, SIGMA) + t0, color=colours[kind], lw=1)
    axs["psy"].set_xlabel("coherence $m$")
    axs["psy"].set_ylabel("P(correct)")
    axs["chr"].set_xlabel("coherence $m$")
    axs["chr"].set_ylabel("mean decision time (steps)")
    # One key above the panels: the colours (what each network learned), then the marks.
    handles = [plt.Line2D([], [], ls="none", marker="o", color=col, label=kind) for kind, col in colours.items()]
    handles += [plt.Line2D([], [], ls="none", marker="o", color="C6", label="dots: network"),
                plt.Line2D([], [], color="C6", lw=1, label="lines: DDM fit")]
    fig.legend(handles=handles, loc="outside upper center", ncol=3, frameon=False)
    plt.show()
