"""The adaptive exponential integrate-and-fire (AdEx) model and the firing patterns
of Naud et al. (2008).

    C dV/dt   = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
    tau_w dw/dt = a (V - E_L) - w
    when V > V_peak:  V <- V_r,  w <- w + b

The exponential term makes the spike's upstroke; V_peak = 0 mV only marks where
it is cut off. The adaptation current w grows with every spike (b) and with the
voltage (a). Units: pF, nS, mV, ms, pA (1 nS x 1 mV = 1 pA; 1 pA / 1 pF = 1 mV/ms).

PATTERNS holds five parameter sets of Naud et al. (2008, Table 1), each with its
step current. simulate() integrates all of them at once with forward Euler and
returns the spike times; classify() names the pattern from the intervals.
"""

import numpy as np

NAMES = ("C", "g_L", "E_L", "V_T", "Delta_T", "a", "tau_w", "b", "V_r", "I")
PATTERNS = {   #        C    g_L   E_L   V_T  D_T    a   tau_w   b    V_r    I
    "tonic":         (200,  10,  -70,  -50,  2,    2,   30,    0,  -58,  500),
    "adapting":      (200,  12,  -70,  -50,  2,    2,  300,   60,  -58,  500),
    "initial burst": (130,  18,  -58,  -50,  2,    4,  150,  120,  -50,  400),
    "bursting":      (200,  10,  -58,  -50,  2,    2,  120,  100,  -46,  210),
    "irregular":     (100,  12,  -60,  -50,  2,  -11,  130,   30,  -48,  160),
}
V_PEAK = 0.0      # mV
DT = 0.05         # ms


def parameters(names):
    """A dict of parameter arrays, one entry per pattern name."""
    table = np.array([PATTERNS[n] for n in names], dtype=float)
    return {key: table[:, k] for k, key in enumerate(NAMES)}


def simulate(names, t_max=1000.0, dt=DT, current=None, keep_trace=False):
    """Forward Euler from rest (V = E_L, w = 0); the current is on for the whole run.

    Returns a list of spike-time arrays (ms) and, if keep_trace, t and V (steps, neurons)
    with each spike drawn up to V_PEAK. A spike is labelled with the start of the step
    in which V crossed V_PEAK.
    """
    p = parameters(names)
    i_ext = p["I"] if current is None else np.asarray(current, dtype=float)
    v, w = p["E_L"].copy(), np.zeros(len(names))
    n = int(round(t_max / dt))
    spikes = [[] for _ in names]
    trace = np.empty((n + 1, len(names))) if keep_trace else None
    if keep_trace:
        trace[0] = v
    for k in range(n):
        exp_term = p["g_L"] * p["Delta_T"] * np.exp((np.minimum(v, V_PEAK) - p["V_T"]) / p["Delta_T"])
        dv = (-p["g_L"] * (v - p["E_L"]) + exp_term - w + i_ext) / p["C"]
        dw = (p["a"] * (v - p["E_L"]) - w) / p["tau_w"]
        v, w = v + dt * dv, w + dt * dw
        fired = v > V_PEAK
        for j in np.flatnonzero(fired):
            spikes[j].append(k * dt)
        if keep_trace:
            trace[k + 1] = np.where(fired, V_PEAK, v)
        v = np.where(fired, p["V_r"], v)
        w = np.where(fired, w + p["b"], w)
    spikes = [np.array(s) for s in spikes]
    return (spikes, np.arange(n + 1) * dt, trace) if keep_trace else spikes


def rheobase(name):
    """The current at which the resting state disappears (a saddle-node of the fixed points).

    At rest w = a (V - E_L), so a fixed point needs I = (g_L + a)(V - E_L)
    - g_L Delta_T exp((V - V_T)/Delta_T). The right side is largest where
    exp((V - V_T)/Delta_T) = 1 + a/g_L; above that maximum there is no rest.
    """
    p = {key: value for key, value in zip(NAMES, PATTERNS[name])}
    g = p["g_L"] + p["a"]
    return g * (p["V_T"] - p["E_L"] - p["Delta_T"] + p["Delta_T"] * np.log(g / p["g_L"]))


def adaptation_ratio(spikes):
    """Last interspike interval over the first: 1 for tonic firing, > 1 when it slows down."""
    isi = np.diff(spikes)
    return isi[-1] / isi[0]


def period(isi, tolerance=0.02, longest=6):
    """The smallest P such that the intervals repeat every P (to 2 %), or 0 if none up to 6."""
    for p in range(1, longest + 1):
        if np.all(np.abs(isi[p:] - isi[:-p]) <= tolerance * isi.mean()):
            return p
    return 0


def classify(spikes):
    """Name the pattern from the interspike intervals (ISIs), by the rules on the page."""
    isi = np.diff(spikes)
    late = isi[len(isi) // 2:]                   # second half: the steady state
    p = period(late)
    if p == 0:
        return "irregular"
    if p > 1:
        return "bursting"                        # a repeating group of short and long ISIs
    if isi[0] > 0.8 * late.mean():
        return "tonic"                           # regular from the start
    if np.max(isi[1:] / isi[:-1]) > 3:
        return "initial burst"                   # a few fast spikes, then a jump to regular
    return "adapting"                            # intervals lengthen gradually


if __name__ == "__main__":
    names = list(PATTERNS)
    for name, s in zip(names, simulate(names)):
        print(f"{name:14s} {len(s):3d} spikes in 1 s, classified as {classify(s)}")
