"""A synapse is a conductance: its effect depends on the membrane potential.

Units: mV, ms, nA, megaohm, microsiemens (1 MΩ × 1 µS = 1, dimensionless). The
site's leaky integrate-and-fire membrane (E_L = -70 mV, R = 10 MΩ, tau = 10 ms)
receives either a current I, which adds R I to the steady state whatever V is, or a
conductance g with reversal potential E_syn, whose current g (E_syn - V) shrinks as
V approaches E_syn:

    tau dV/dt = E_L - V + R g (E_syn - V)
    V_inf = (E_L + R g E_syn) / (1 + R g),   tau_eff = tau / (1 + R g).

Left: steady-state depolarisation against input strength; the current and the
conductance are matched for small inputs (R I = R g (E_syn - E_L)). Right: the
current through one unit of AMPA-like conductance and one of NMDA conductance with
the voltage-dependent magnesium block of Jahr & Stevens (1990),
B(V) = 1 / (1 + [Mg] / 3.57 mM * exp(-0.062 V / mV)), at [Mg] = 1 mM.
"""

import matplotlib.pyplot as plt
import numpy as np

E_L = -70.0       # resting potential, mV
R = 10.0          # membrane resistance, MΩ
TAU = 10.0        # membrane time constant, ms
E_EXC = 0.0       # reversal potential of AMPA and NMDA currents, mV


def v_inf_current(i):
    """Steady state for a constant current i (nA): E_L + R i, linear in i."""
    return E_L + R * np.asarray(i, dtype=float)


def v_inf_conductance(g, e_syn=E_EXC):
    """Steady state for a constant conductance g (µS) with reversal e_syn (mV)."""
    g = np.asarray(g, dtype=float)
    return (E_L + R * g * e_syn) / (1.0 + R * g)


def tau_eff(g):
    """The membrane time constant shortened by an open conductance g (µS), ms."""
    return TAU / (1.0 + R * np.asarray(g, dtype=float))


def relax_conductance(g, e_syn, t_max, dt=0.1, v0=E_L):
    """Forward-Euler voltage under a conductance step switched on at t = 0 (no spikes)."""
    t = np.arange(0.0, t_max + dt / 2, dt)
    v = np.empty_like(t)
    v[0] = v0
    for k in range(1, len(t)):
        v[k] = v[k - 1] + dt / TAU * (E_L - v[k - 1] + R * g * (e_syn - v[k - 1]))
    return t, v


def mg_block(v, mg=1.0):
    """Fraction of NMDA conductance not blocked by magnesium (Jahr & Stevens 1990).

    v in mV, mg (extracellular magnesium) in mM."""
    return 1.0 / (1.0 + mg / 3.57 * np.exp(-0.062 * np.asarray(v, dtype=float)))


if __name__ == "__main__":
    for g in (0.01, 0.1, 1.0):
        matched = R * g * (E_EXC - E_L)              # the current with the same effect at rest, mV
        # at most 48 characters a line: a printed result fits a 390-px phone whole
        print(f"g = {g:4.2f} µS: V_inf = {v_inf_conductance(g):5.1f} mV, τ_eff = {tau_eff(g):4.2f} ms")
        print(f"  as a current instead: V_inf = {v_inf_current(matched / R):5.1f} mV")
    for v in (-70.0, -50.0, -20.0, 0.0):
        print(f"Mg block, 1 mM, V = {v:3.0f} mV: fraction open {mg_block(v):.3f}")

    fig, (ax_s, ax_iv) = plt.subplots(1, 2, figsize=(7, 3.6), layout="constrained")
    fig.get_layout_engine().set(wspace=0.08)  # the right panel's y-label clear of the left's last tick
    g = np.linspace(0.0, 0.3, 301)                       # µS
    drive = R * g * (E_EXC - E_L)                        # mV, matched current R I
    ax_s.plot(drive, v_inf_current(drive / R) - E_L, color="C0", linestyle="--",
              label="current input")
    ax_s.plot(drive, v_inf_conductance(g) - E_L, color="C1", label="conductance input")
    ax_s.axhline(E_EXC - E_L, color="C6", linestyle=":", linewidth=1)
    ax_s.text(105, E_EXC - E_L - 8, r"ceiling $E_\mathrm{syn} - E_\mathrm{L}$", color="C6")
    ax_s.set_xlabel("input strength, matched (mV)")
    ax_s.set_ylabel(r"steady depolarisation (mV)")
    ax_s.set_ylim(0, 100)
    ax_s.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)

    v = np.linspace(-100.0, 40.0, 281)
    ax_iv.plot(v, E_EXC - v, color="C1", linestyle="--", label="AMPA-like")
    ax_iv.plot(v, mg_block(v) * (E_EXC - v), color="C1", label=r"NMDA, 1 mM Mg$^{2+}$")
    ax_iv.axhline(0.0, color="C6", linewidth=1)
    ax_iv.set_xlabel("membrane potential V (mV)")
    ax_iv.set_ylabel(r"inward current per unit $g$ (mV)")
    ax_iv.set_ylim(-45, 105)
    ax_iv.legend(loc="lower left", bbox_to_anchor=(0, 1), borderaxespad=0.2)
    plt.show()
