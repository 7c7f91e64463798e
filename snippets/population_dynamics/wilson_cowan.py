"""A Wilson-Cowan excitatory-inhibitory population: nullclines, fixed point, stability.

Two populations, excitatory (E) and inhibitory (I), each described by the fraction of
its cells active, in the form Wilson & Cowan (1972) introduced (without their
factor for refractory cells or the constant they subtract so that S(0) = 0):

    tau_E dE/dt = -E + S_E(w_EE E - w_EI I + P)
    tau_I dI/dt = -I + S_I(w_IE E - w_II I + Q),

with sigmoid response functions S(x) = 1 / (1 + exp(-a (x - theta))). The fixed point
is where the two nullclines (dE/dt = 0, dI/dt = 0) cross; the eigenvalues of the
Jacobian there say whether a small disturbance decays (negative real part) and whether
it oscillates on the way (imaginary part). The figure checks both against a simulation.
The couplings, sigmoids and P are those of Wilson and Cowan's limit-cycle example; the
time constants are chosen here; time in ms.
"""

import matplotlib.pyplot as plt
import numpy as np

W_EE, W_EI, W_IE, W_II = 16.0, 12.0, 15.0, 3.0   # coupling strengths
A_E, THETA_E, A_I, THETA_I = 1.3, 4.0, 2.0, 3.7  # sigmoid gains and thresholds
P, Q = 1.25, 0.0                                 # external drive to E and to I
TAU_E, TAU_I = 10.0, 4.0                         # time constants, ms


def sigmoid(x, a, theta):
    return 1.0 / (1.0 + np.exp(-a * (x - theta)))


def inverse_sigmoid(y, a, theta):
    return theta - np.log(1.0 / y - 1.0) / a


def e_nullcline(e, p=P):
    """I on the E-nullcline (dE/dt = 0) as a function of E, 0 < E < 1."""
    return (W_EE * e + p - inverse_sigmoid(e, A_E, THETA_E)) / W_EI


def i_nullcline(i, q=Q):
    """E on the I-nullcline (dI/dt = 0) as a function of I, 0 < I < 1."""
    return (inverse_sigmoid(i, A_I, THETA_I) + W_II * i - q) / W_IE


def fixed_points(p=P, q=Q):
    """All crossings of the nullclines, found by bisection along the E-nullcline."""
    def residual(e):
        i = e_nullcline(e, p)
        return sigmoid(W_IE * e - W_II * i + q, A_I, THETA_I) - i

    grid = np.linspace(1e-9, 1 - 1e-9, 20_001)
    r = residual(grid)
    points = []
    for k in np.flatnonzero(np.sign(r[:-1]) != np.sign(r[1:])):
        lo, hi = grid[k], grid[k + 1]
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if np.sign(residual(mid)) == np.sign(residual(lo)) else (lo, mid)
        e = 0.5 * (lo + hi)
        points.append((e, e_nullcline(e, p)))
    return points


def jacobian(e, i, p=P, q=Q, tau_e=TAU_E, tau_i=TAU_I):
    """Jacobian of the two equations at (e, i), per ms."""
    s_e = sigmoid(W_EE * e - W_EI * i + p, A_E, THETA_E)
    s_i = sigmoid(W_IE * e - W_II * i + q, A_I, THETA_I)
    g_e, g_i = A_E * s_e * (1 - s_e), A_I * s_i * (1 - s_i)   # slopes of the sigmoids
    return np.array([[(-1 + W_EE * g_e) / tau_e, -W_EI * g_e / tau_e],
                     [W_IE * g_i / tau_i, (-1 - W_II * g_i) / tau_i]])


def simulate(e0, i0, t_max=200.0, dt=0.02, p=P, q=Q, tau_e=TAU_E, tau_i=TAU_I):
    """Fourth-order Runge-Kutta; returns times (ms), E(t), I(t). Array-valued
    arguments run several networks side by side (time is the first axis)."""
    def f(e, i):
        return ((-e + sigmoid(W_EE * e - W_EI * i + p, A_E, THETA_E)) / tau_e,
                (-i + sigmoid(W_IE * e - W_II * i + q, A_I, THETA_I)) / tau_i)

    n = int(round(t_max / dt))
    e, i = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (e0, i0, p, tau_i)))[:2]
    es, is_ = np.empty((n + 1,) + e.shape), np.empty((n + 1,) + e.shape)
    es[0], is_[0] = e, i
    for k in range(n):
        e, i = es[k], is_[k]
        a1, b1 = f(e, i)
        a2, b2 = f(e + 0.5 * dt * a1, i + 0.5 * dt * b1)
        a3, b3 = f(e + 0.5 * dt * a2, i + 0.5 * dt * b2)
        a4, b4 = f(e + dt * a3, i + dt * b3)
        es[k + 1] = e + dt / 6 * (a1 + 2 * a2 + 2 * a3 + a4)
        is_[k + 1] = i + dt / 6 * (b1 + 2 * b2 + 2 * b3 + b4)
    return np.arange(n + 1) * dt, es, is_


if __name__ == "__main__":
    (e_star, i_star), = fixed_points()
    lams, vecs = np.linalg.eig(jacobian(e_star, i_star))
    lam = lams[0]
    print(f"fixed point E* = {e_star:.4f}, I* = {i_star:.4f}")
    print(f"eigenvalues {lam.real:.4f} ± {abs(lam.imag):.4f}i per ms: "
          f"decay time {-1 / lam.real:.1f} ms, period {2 * np.pi / abs(lam.imag):.1f} ms")

    t, e, i = simulate(e_star + 0.05, i_star, t_max=80.0)
    up = np.flatnonzero((e[:-1] < e_star) & (e[1:] >= e_star))       # upward crossings
    t_up = t[up] + (e_star - e[up]) / (e[up + 1] - e[up]) * (t[1] - t[0])
    print(f"simulated period {np.mean(np.diff(t_up)):.1f} ms")

    fig, (ax_p, ax_t) = plt.subplots(1, 2, figsize=(7, 3.6))
    es = np.linspace(0.002, 0.4, 400)
    ax_p.plot(es, e_nullcline(es), color="C2", label=r"$dE/dt = 0$")
    is_ = np.linspace(0.001, 0.999, 400)
    ax_p.plot(i_nullcline(is_), is_, color="C1", label=r"$dI/dt = 0$")
    ax_p.plot(e, i, color="C4", lw=1.2)
    ax_p.plot(e_star, i_star, "o", color="C6", markersize=6)
    ax_p.set_xlim(0.12, 0.32)  # zoomed on the fixed point: the spiral fills the plane
    ax_p.set_ylim(0.04, 0.28)
    ax_p.set_xlabel("excitatory activity E")
    ax_p.set_ylabel("inhibitory activity I")
    ax_p.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, handlelength=1.0)

    # linear prediction: E - E* = 2 Re(c exp(lambda t)), whose envelope is 2|c| exp(Re lambda t)
    c = vecs[0, 0] * np.linalg.solve(vecs, [0.05, 0.0])[0]
    envelope = 2 * abs(c) * np.exp(lam.real * t)
    ax_t.plot(t, e - e_star, color="C4", label="simulated")
    ax_t.plot(t, envelope, "--", color="C6", label="linear theory")
    ax_t.plot(t, -envelope, "--", color="C6")
    ax_t.set_xlabel("time (ms)")
    ax_t.set_ylabel(r"$E - E^*$")
    ax_t.legend(loc="upper right")
    plt.show()
