"""Firing rate and CV of a leaky integrate-and-fire neuron driven by white noise.

The membrane obeys tau dV/dt = mu - V + sigma sqrt(tau) xi(t), with xi unit white
noise, so that without a threshold V fluctuates around mu with standard deviation
sigma / sqrt(2). With threshold theta, reset V_r and refractory period t_ref, the
mean time to reach theta from V_r gives the rate (Siegert 1951; in the form used by
Brunel 2000):

    1 / nu = t_ref + tau sqrt(pi) * integral from (V_r - mu)/sigma to (theta - mu)/sigma
             of exp(u^2) (1 + erf u) du,

and Brunel (2000, appendix A) gives the coefficient of variation of the interspike
intervals, CV^2 = 2 pi (nu tau)^2 * integral over x from y_r to y_th of exp(x^2)
times the integral from -inf to x of exp(y^2) (1 + erf y)^2 dy. Both integrals are
evaluated here with numpy only (trapezoidal rule on a fine grid). Run this file
for a few values.
"""

from math import erfc

import numpy as np

E_L, V_RESET, V_TH = -70.0, -65.0, -50.0     # mV, the site's LIF
R, TAU, T_REF = 10.0, 10.0, 2.0              # MOhm, ms, ms
_erfc = np.vectorize(erfc)


def erfcx(x):
    """exp(x^2) erfc(x), computed without overflow (asymptotic series for large x)."""
    x = np.asarray(x, dtype=float)
    big = x > 25.0
    small = np.where(big, 0.0, x)
    xb = np.where(big, x, 1.0)
    series = (1.0 - 0.5 / xb**2 + 0.75 / xb**4) / (xb * np.sqrt(np.pi))
    return np.where(big, series, np.exp(small**2) * _erfc(small))


def _limits(mu, sigma, v_reset, v_th):
    return (v_reset - mu) / sigma, (v_th - mu) / sigma


def siegert_rate(mu, sigma, tau=TAU, t_ref=T_REF, v_reset=V_RESET, v_th=V_TH, points=4001):
    """Rate (Hz) for mean input mu (mV) and noise sigma (mV); times in ms.

    exp(u^2) (1 + erf u) = erfcx(-u), which stays finite for very negative u."""
    lo, hi = _limits(mu, sigma, v_reset, v_th)
    u = np.linspace(lo, hi, points)
    integral = np.trapezoid(erfcx(-u), u)
    return 1000.0 / (t_ref + tau * np.sqrt(np.pi) * integral)


def siegert_cv(mu, sigma, tau=TAU, t_ref=T_REF, v_reset=V_RESET, v_th=V_TH, points=4001):
    """Coefficient of variation of the interspike intervals (Brunel 2000, appendix A)."""
    nu = siegert_rate(mu, sigma, tau, t_ref, v_reset, v_th) / 1000.0      # per ms
    lo, hi = _limits(mu, sigma, v_reset, v_th)
    if lo < -25.0 or hi > 25.0:
        raise ValueError(f"siegert_cv: (V_reset - mu)/sigma = {lo:.1f} and (V_th - mu)/sigma = {hi:.1f}"
                         " must lie within [-25, 25] (exp(x^2) overflows); use a larger sigma")
    y = np.linspace(min(lo, -8.0) - 2.0, hi, 8 * points)
    inner_integrand = erfcx(-y) ** 2 * np.exp(-y**2)      # exp(y^2) (1 + erf y)^2
    inner = np.concatenate([[0.0], np.cumsum((inner_integrand[1:] + inner_integrand[:-1]) / 2 * np.diff(y))])
    x = y[y >= lo]
    outer = np.exp(x**2) * inner[y >= lo]
    return float(np.sqrt(2.0 * np.pi * (nu * tau) ** 2 * np.trapezoid(outer, x)))


if __name__ == "__main__":
    for current, sigma in ((1.0, 4.0), (1.5, 4.0), (2.0, 4.0), (3.0, 4.0)):
        mu = E_L + R * current
        print(f"I = {current} nA, σ = {sigma} mV: rate {siegert_rate(mu, sigma):6.2f} Hz, "
              f"CV {siegert_cv(mu, sigma):.3f}")
