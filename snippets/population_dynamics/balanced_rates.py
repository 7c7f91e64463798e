"""Balanced rates: strong excitation and inhibition cancel, and the rates follow a linear rule.

Van Vreeswijk & Sompolinsky's scaling (1996, 1998): each neuron receives K inputs of
strength of order 1/sqrt(K), so the excitatory and the inhibitory input each grow like
sqrt(K). In their notation (J_EE = J_IE = 1, J_EI = -J_E, J_II = -J_I; external input
E m_0 to the excitatory and I m_0 to the inhibitory population) the input to population
k is sqrt(K) (J_k0 m_0 + sum_l J_kl m_l). For large K it stays finite only if the bracket
nearly vanishes, which gives two linear equations with the solution

    m_E = (E J_I - I J_E) / (J_E - J_I) m_0,    m_I = (E - I) / (J_E - J_I) m_0,

positive when E/I > J_E/J_I > 1 (the paper's condition, with J_E > 1). Here each population is a threshold-linear rate unit,
tau dm_k/dt = -m_k + [sqrt(K) (J_k0 m_0 + sum_l J_kl m_l) - theta]_+, simulated for
several K and compared with that limit. Values illustrative; rates in Hz.
"""

import matplotlib.pyplot as plt
import numpy as np

E_EXT, I_EXT = 1.0, 0.7            # external couplings E and I
J_E, J_I = 2.0, 1.5                # strengths of inhibition onto E and onto I
M0, THETA, TAU_RATE = 10.0, 1.0, 10.0   # external rate (Hz), threshold (Hz), ms
W = np.array([[1.0, -J_E], [1.0, -J_I]])
H = np.array([E_EXT, I_EXT])


def balanced_limit(e=E_EXT, i=I_EXT, j_e=J_E, j_i=J_I, m0=M0):
    """The large-K rates (m_E, m_I): the solution of J_k0 m_0 + sum_l J_kl m_l = 0."""
    return np.array([(e * j_i - i * j_e) / (j_e - j_i), (e - i) / (j_e - j_i)]) * m0


def fixed_point(k, h=H, m0=M0):
    """Exact fixed point at finite K with both populations active:
    m = sqrt(K) (W m + h m_0) - theta."""
    return np.linalg.solve(np.eye(2) - np.sqrt(k) * W, np.sqrt(k) * h * m0 - THETA)


def simulate(ks, h=H, m0=M0, t_max=200.0, dt=0.005):
    """Forward Euler for every K in ks at once; returns the final rates, shape (len(ks), 2)."""
    root = np.sqrt(np.asarray(ks, dtype=float))[:, None]
    m = np.zeros((root.size, 2))
    for _ in range(int(round(t_max / dt))):
        m = m + dt / TAU_RATE * (-m + np.maximum(root * (m @ W.T + h * m0) - THETA, 0.0))
    return m


if __name__ == "__main__":
    limit = balanced_limit()
    print(f"balanced limit: m_E = {limit[0]:.2f} Hz, m_I = {limit[1]:.2f} Hz")
    print(f"  (E/I = {E_EXT / I_EXT:.2f} > J_E/J_I = {J_E / J_I:.2f} > 1)")
    ks = np.array([10, 30, 100, 300, 1000, 3000, 10000])
    sim = simulate(ks)
    print("        rates (Hz)         input to E")
    print("    K    m_E    m_I  excitatory  inhibitory")
    for k, m in zip(ks, sim):
        exc = np.sqrt(k) * (E_EXT * M0 + m[0])
        print(f"{k:5d}  {m[0]:5.3f}  {m[1]:5.3f}  {exc:+10.0f}  {-np.sqrt(k) * J_E * m[1]:+10.0f}")

    fig, (ax_r, ax_i) = plt.subplots(1, 2, figsize=(7, 3.6), sharex=True, layout="constrained")
    k_fine = np.logspace(1, 4, 200)
    exact = np.array([fixed_point(k) for k in k_fine])
    for col, colour, name in ((0, "C2", "E"), (1, "C1", "I")):
        ax_r.plot(k_fine, exact[:, col], color=colour, label=rf"$m_\mathrm{{{name}}}$")
        ax_r.plot(ks, sim[:, col], "o", color=colour, markersize=5)
        ax_r.axhline(limit[col], ls="--", color=colour, lw=1)
    ax_r.set_xscale("log")
    ax_r.set_ylabel("rate (Hz)")
    ax_r.set_xlabel("number of inputs per neuron K")
    ax_r.set_title("rates; balanced limit dashed")
    # Each rate named at its curve (a legend there sat in the middle of the plot).
    for col, colour, name in ((0, "C2", "E"), (1, "C1", "I")):
        ax_r.annotate(rf"$m_\mathrm{{{name}}}$", (k_fine[-1], exact[-1, col]), xytext=(0, 6),
                      textcoords="offset points", ha="right", va="bottom", color=colour)
    exc = np.sqrt(k_fine) * (E_EXT * M0 + exact[:, 0])
    inh = np.sqrt(k_fine) * J_E * exact[:, 1]
    ax_i.plot(k_fine, exc, color="C2", label="excitatory input to E")
    ax_i.plot(k_fine, inh, color="C1", label="inhibitory input to E")
    ax_i.plot(k_fine, exc - inh, color="C6", label="net input")
    ax_i.set_yscale("log")
    ax_i.set_ylim(1, 1e5)
    ax_i.set_xlabel("number of inputs per neuron K")
    ax_i.set_ylabel("input (Hz)")
    ax_i.legend(loc="upper left")
    fig.get_layout_engine().set(w_pad=0.15)   # the panels apart: no tick against the next axis
    plt.show()
