"""The paradoxical response of an inhibition-stabilised network (ISN).

Two threshold-linear rate populations, excitatory (E) and inhibitory (I):

    tau_E dr_E/dt = -r_E + [W_EE r_E - W_EI r_I + h_E]_+
    tau_I dr_I/dt = -r_I + [W_IE r_E - W_II r_I + h_I]_+

While both are active the steady state is linear, r = (1 - W)^-1 h, and the response
of the inhibitory rate to its own input is

    d r_I / d h_I = (1 - W_EE) / det(1 - W),

negative exactly when W_EE > 1: when the excitatory population, with its inhibition
held fixed, would run away (Tsodyks et al. 1997; Ozeki et al. 2009). The figure steps
up the input to the inhibitory population at t = 100 ms in two networks that differ
only in W_EE. Rates in Hz, time in ms; values illustrative.
"""

import matplotlib.pyplot as plt
import numpy as np

W_EI, W_IE, W_II = 2.5, 2.5, 1.5
W_EE_ISN, W_EE_NON = 2.0, 0.5          # recurrent excitation: strong, weak
TAU_E, TAU_I = 10.0, 5.0               # ms
H_E, H_I, STEP = 20.0, 10.0, 5.0       # inputs and the added input to I, Hz
T_STEP = 100.0                         # ms


def weights(w_ee):
    return np.array([[w_ee, -W_EI], [W_IE, -W_II]])


def steady_state(w_ee, h_e=H_E, h_i=H_I):
    """Closed-form fixed point with both populations active: r = (1 - W)^-1 h."""
    return np.linalg.solve(np.eye(2) - weights(w_ee), [h_e, h_i])


def inhibitory_gain(w_ee):
    """d r_I / d h_I = (1 - W_EE) / det(1 - W)."""
    return (1 - w_ee) / np.linalg.det(np.eye(2) - weights(w_ee))


def simulate(w_ee, t_max=400.0, dt=0.05, step=STEP):
    """Forward Euler from the steady state; the input to I rises by `step` at T_STEP."""
    n = int(round(t_max / dt))
    t = np.arange(n + 1) * dt
    r = np.zeros((n + 1, 2))
    r[0] = steady_state(w_ee)
    w = weights(w_ee)
    tau = np.array([TAU_E, TAU_I])
    for k in range(n):
        h = np.array([H_E, H_I + (step if t[k] >= T_STEP else 0.0)])
        r[k + 1] = r[k] + dt / tau * (-r[k] + np.maximum(w @ r[k] + h, 0.0))
    return t, r[:, 0], r[:, 1]


if __name__ == "__main__":
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.6), sharex=True)
    for ax, w_ee, name in zip(axes, (W_EE_ISN, W_EE_NON), ("ISN", "non-ISN")):
        before = steady_state(w_ee)
        after = steady_state(w_ee, h_i=H_I + STEP)
        t, r_e, r_i = simulate(w_ee)
        print(f"{name} (W_EE = {w_ee}): E alone would grow at {(w_ee - 1) / TAU_E:+.2f} per ms; "
              f"r_I {before[1]:.2f} -> {after[1]:.2f} Hz (simulated {r_i[-1]:.2f}), "
              f"r_E {before[0]:.2f} -> {after[0]:.2f} Hz (simulated {r_e[-1]:.2f})")
        ax.plot(t, r_e, color="C2", label=r"excitatory $r_\mathrm{E}$")
        ax.plot(t, r_i, color="C1", label=r"inhibitory $r_\mathrm{I}$")
        for value in (*before, *after):
            ax.axhline(value, ls=":", color="C6", lw=1)
        ax.axvline(T_STEP, ls="--", color="C0", lw=1)
        ax.set_ylabel("rate (Hz)")
        ax.set_xlabel("time (ms)")
        ax.set_title(rf"{name}: $W_\mathrm{{EE}}$ = {w_ee}")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncol=2)
    plt.show()
