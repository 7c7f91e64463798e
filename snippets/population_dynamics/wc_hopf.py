"""The Wilson-Cowan population starts to oscillate when inhibition is slow enough.

The network of wilson_cowan.py, with the inhibitory time constant tau_I varied. The
fixed point does not depend on tau_I (it is where both right-hand sides vanish), but
its stability does: the trace of the Jacobian is

    (w_EE g_E - 1) / tau_E - (1 + w_II g_I) / tau_I,

with g_E, g_I the slopes of the sigmoids at the fixed point, so the real part of the
complex pair of eigenvalues crosses zero at tau_I = tau_E (1 + w_II g_I) / (w_EE g_E - 1)
(a Hopf bifurcation). Beyond it the simulated activity settles on a limit cycle, an
oscillation with constant input.
"""

import matplotlib.pyplot as plt
import numpy as np

import wilson_cowan as wc

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def reader(x, digits=2):
    """x as a page writes it: 2.6 × 10⁻⁶, not 2.6e-06; 0.01 to 10 000 (and 0) stay plain."""
    if x == 0 or 0.01 <= abs(x) < 1e4:
        return f"{float(f'{x:.{digits}g}'):g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def slopes(e, i, p=wc.P, q=wc.Q):
    """g_E, g_I: slopes of the two sigmoids at (e, i)."""
    s_e = wc.sigmoid(wc.W_EE * e - wc.W_EI * i + p, wc.A_E, wc.THETA_E)
    s_i = wc.sigmoid(wc.W_IE * e - wc.W_II * i + q, wc.A_I, wc.THETA_I)
    return wc.A_E * s_e * (1 - s_e), wc.A_I * s_i * (1 - s_i)


def critical_tau_i():
    """tau_I (ms) at which the trace of the Jacobian vanishes."""
    (e, i), = wc.fixed_points()
    g_e, g_i = slopes(e, i)
    return wc.TAU_E * (1 + wc.W_II * g_i) / (wc.W_EE * g_e - 1)


def amplitude(tau_i, t_max=600.0, t_keep=150.0, time_step=0.1):
    """Peak-to-peak excursion of E over the last t_keep ms, started near the fixed point."""
    (e, i), = wc.fixed_points()
    t, es, _ = wc.simulate(e + 0.01, i, t_max=t_max, dt=time_step, tau_i=np.asarray(tau_i))
    tail = es[t >= t_max - t_keep]
    return tail.max(axis=0) - tail.min(axis=0)


if __name__ == "__main__":
    (e_star, i_star), = wc.fixed_points()
    tau_c = critical_tau_i()
    lam_c = np.linalg.eigvals(wc.jacobian(e_star, i_star, tau_i=tau_c))
    print(f"Hopf bifurcation at τ_I = {tau_c:.3f} ms, eigenvalues")
    # At the bifurcation the real part is zero; what is computed is rounding error.
    print(f"  0 ± {abs(lam_c[0].imag):.4f}i per ms ({abs(lam_c[0].imag) / (2 * np.pi) * 1000:.0f} Hz)")
    print(f"  (real part {reader(lam_c[0].real)}: rounding)")

    taus = np.linspace(3.0, 12.0, 301)
    re_lam = [np.linalg.eigvals(wc.jacobian(e_star, i_star, tau_i=ti)).real.max() for ti in taus]
    sim_taus = np.arange(3.0, 12.01, 0.5)
    amp = amplitude(sim_taus)
    for ti, a in zip(sim_taus, amp):
        if ti in (5.0, 6.0, 7.0, 8.0, 10.0):
            print(f"τ_I = {ti:4.1f} ms: amplitude of E {a:.3f}")

    fig, (ax_l, ax_a) = plt.subplots(1, 2, figsize=(7, 3.4), sharex=True)
    ax_l.plot(taus, re_lam, color="C6")
    ax_l.axhline(0, color="C6", lw=0.8)
    ax_l.axvline(tau_c, ls="--", color="C3")
    ax_l.set_ylabel(r"Re $\lambda$ (per ms)")
    ax_l.set_xlabel(r"inhibitory time constant $\tau_\mathrm{I}$ (ms)")
    ax_l.set_title("stability of the fixed point")
    ax_a.plot(sim_taus, amp, "o-", color="C4", markersize=4)
    ax_a.axvline(tau_c, ls="--", color="C3")
    ax_a.set_ylabel("oscillation amplitude of E")
    ax_a.set_xlabel(r"inhibitory time constant $\tau_\mathrm{I}$ (ms)")
    ax_a.set_title("simulated activity after 450 ms")
    plt.show()
