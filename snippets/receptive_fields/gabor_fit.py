"""Fit a 2-D Gabor function to each learned filter and plot its shape as Ringach (2002) does.

A Gabor function is a Gaussian envelope times a sinusoidal grating. In coordinates
rotated by the grating's orientation theta (x' across the bars, y' along them),

    g(x, y) = A exp(-x'^2 / (2 sigma_x^2) - y'^2 / (2 sigma_y^2)) cos(2 pi f x' + phi).

Ringach summarised each receptive field's shape by two numbers without units:
n_x = sigma_x f, the envelope's width across the bars in cycles of the grating (how
many subfields, light and dark bands, the field has), and n_y = sigma_y f, its length
along the bars in the same cycles. A field with one or two subfields has small n_x; a
long, many-banded filter has large n_x and n_y.

The fit is nonlinear least squares by Levenberg-Marquardt, written in numpy so the
snippet needs nothing else (the site's tests check it against scipy's curve_fit). All
filters are fitted at once, as a batch. The starting point comes from the filter
itself: orientation and frequency from the peak of its Fourier spectrum, centre and
widths from the moments of its squared values.
"""

import matplotlib.pyplot as plt
import numpy as np

from sparse_coding import saved_dictionary

GOOD_FIT = 0.7  # keep fits that explain at least this fraction of the filter's variance
ITERATIONS = 60
# an odd Gabor (|sin phi| above this) with 2 pi n_x below NARROW_ENVELOPE is an edge whose f is unmeasured
ODD_PHASE = 0.9
NARROW_ENVELOPE = 0.5


def gabor(params, size):
    """Gabor images (n, size, size) for params rows (x0, y0, theta, log sigma_x, log sigma_y, log f, phi, A)."""
    x0, y0, theta, log_sx, log_sy, log_f, phi, amplitude = (params[:, i, None, None] for i in range(8))
    # keep a search step from leaving the range a patch can show (and from overflowing)
    log_sx, log_sy = (np.clip(v, np.log(0.3), np.log(4 * size)) for v in (log_sx, log_sy))
    log_f = np.clip(log_f, np.log(0.25 / size), np.log(0.5))
    x0, y0 = np.clip(x0, -0.5, size - 0.5), np.clip(y0, -0.5, size - 0.5)
    rows, cols = np.indices((size, size))
    dx, dy = cols - x0, rows - y0
    across = dx * np.cos(theta) + dy * np.sin(theta)
    along = -dx * np.sin(theta) + dy * np.cos(theta)
    envelope = np.exp(-0.5 * (across / np.exp(log_sx)) ** 2 - 0.5 * (along / np.exp(log_sy)) ** 2)
    return amplitude * envelope * np.cos(2 * np.pi * np.exp(log_f) * across + phi)


def initial_guess(filters):
    """Starting parameters for each filter (n, size, size), from its spectrum and moments."""
    n, size, _ = filters.shape
    pad = 4 * size
    spectrum = np.abs(np.fft.rfft2(filters, s=(pad, pad)))
    freq_y = np.fft.fftfreq(pad)[:, None] * np.ones((1, pad // 2 + 1))
    freq_x = np.fft.rfftfreq(pad)[None, :] * np.ones((pad, 1))
    peak = spectrum.reshape(n, -1).argmax(axis=1)
    fx, fy = freq_x.ravel()[peak], freq_y.ravel()[peak]
    f = np.maximum(np.hypot(fx, fy), 1 / (2 * size))
    theta = np.arctan2(fy, fx)
    power = filters**2 / np.sum(filters**2, axis=(1, 2), keepdims=True)
    rows, cols = np.indices((size, size))
    x0 = np.sum(power * cols, axis=(1, 2))
    y0 = np.sum(power * rows, axis=(1, 2))
    dx, dy = cols - x0[:, None, None], rows - y0[:, None, None]
    across = dx * np.cos(theta)[:, None, None] + dy * np.sin(theta)[:, None, None]
    along = -dx * np.sin(theta)[:, None, None] + dy * np.cos(theta)[:, None, None]
    # the squared envelope is a Gaussian of width sigma / sqrt(2)
    sx = np.sqrt(2 * np.sum(power * across**2, axis=(1, 2))).clip(0.7, size)
    sy = np.sqrt(2 * np.sum(power * along**2, axis=(1, 2))).clip(0.7, size)
    params = np.column_stack([x0, y0, theta, np.log(sx), np.log(sy), np.log(f), np.zeros(n), np.ones(n)])
    # phase and amplitude are linear given the rest: A cos(u + phi) = a cos u + b sin u
    cosine = gabor(params, size).reshape(n, -1)
    params[:, 6] = -np.pi / 2
    sine = gabor(params, size).reshape(n, -1)  # cos(u - pi/2) = sin u
    basis = np.stack([cosine, sine], axis=2)
    coef = np.stack([np.linalg.lstsq(b, t.ravel(), rcond=None)[0] for b, t in zip(basis, filters)])
    params[:, 6] = np.arctan2(-coef[:, 1], coef[:, 0])
    params[:, 7] = np.hypot(coef[:, 0], coef[:, 1])
    return params


def levenberg_marquardt(params, target, size, iterations):
    """Improve params (one row per filter) to fit target (n, size^2); returns params, squared error."""
    n = len(params)
    params = params.copy()
    damping = np.full(n, 1e-2)

    def residuals(p):
        return gabor(p, size).reshape(n, -1) - target

    r = residuals(params)
    cost = np.sum(r**2, axis=1)
    for _ in range(iterations):
        # Jacobian by central differences, one parameter at a time for all filters at once
        J = np.empty((n, size * size, 8))
        for k in range(8):
            h = 1e-5 * np.maximum(np.abs(params[:, k]), 1)
            up, down = params.copy(), params.copy()
            up[:, k] += h
            down[:, k] -= h
            J[:, :, k] = (residuals(up) - residuals(down)) / (2 * h[:, None])
        JtJ = J.transpose(0, 2, 1) @ J
        Jtr = np.einsum("npk,np->nk", J, r)
        diagonal = np.einsum("nkk->nk", JtJ)
        scaled = JtJ + (damping[:, None] * diagonal + 1e-12)[:, :, None] * np.eye(8)
        step = np.linalg.solve(scaled, -Jtr[:, :, None])[:, :, 0]
        trial = params + step
        r_trial = residuals(trial)
        cost_trial = np.sum(r_trial**2, axis=1)
        better = cost_trial < cost
        params[better], r[better], cost[better] = trial[better], r_trial[better], cost_trial[better]
        damping = np.where(better, damping / 3, damping * 4).clip(1e-9, 1e9)
    return params, cost


def fit_gabors(filters, iterations=ITERATIONS):
    """Fit a Gabor to each filter (n, size, size); returns parameters and R^2 per filter.

    A nearly round, low-frequency filter can be fitted almost as well with the grating
    turned by 90 degrees, so three starts are tried (the spectral guess, the same turned,
    and half its frequency) and the best fit kept."""
    n, size, _ = filters.shape
    target = filters.reshape(n, -1)
    guess = initial_guess(filters)
    turned = guess.copy()
    turned[:, 2] += np.pi / 2
    turned[:, [3, 4]] = guess[:, [4, 3]]
    coarser = guess.copy()
    coarser[:, 5] -= np.log(2)
    fits = [levenberg_marquardt(start, target, size, iterations) for start in (guess, turned, coarser)]
    costs = np.stack([cost for _, cost in fits])
    best = costs.argmin(axis=0)
    params = np.stack([p for p, _ in fits])[best, np.arange(n)]
    cost = costs[best, np.arange(n)]
    # the model clips its parameters; report the values it used
    params[:, 3:5] = params[:, 3:5].clip(np.log(0.3), np.log(4 * size))
    params[:, 5] = params[:, 5].clip(np.log(0.25 / size), np.log(0.5))
    params[:, :2] = params[:, :2].clip(-0.5, size - 0.5)
    # one convention: A > 0, phi in (-pi, pi], theta in (-pi/2, pi/2] (turning by pi flips phi's sign)
    flip = params[:, 7] < 0
    params[flip, 7] *= -1
    params[flip, 6] += np.pi
    half_turn = np.abs(np.angle(np.exp(1j * params[:, 2]))) > np.pi / 2
    params[:, 2] = np.angle(np.exp(2j * params[:, 2])) / 2
    params[half_turn, 6] *= -1
    params[:, 6] = np.angle(np.exp(1j * params[:, 6]))
    r_squared = 1 - cost / np.sum((target - target.mean(axis=1, keepdims=True)) ** 2, axis=1)
    return params, r_squared


def shape_numbers(params):
    """Ringach's (n_x, n_y): envelope width across and along the bars, in cycles of the grating."""
    f = np.exp(params[:, 5])
    return np.exp(params[:, 3]) * f, np.exp(params[:, 4]) * f


def dc_to_peak(params):
    """Response to uniform light (zero frequency) relative to the best response, per fit.

    Across the bars a Gabor's spectrum is two Gaussians at -f and +f,
    (exp(i phi) G(k - f) + exp(-i phi) G(k + f)) / 2 with G(k) = exp(-2 pi^2 sigma_x^2 k^2),
    and along the bars it peaks at zero. A field is low-pass when its spectrum peaks at
    zero frequency (ratio 1): it then responds best to uniform light. Whether it does
    depends on n_x and on the phase together: an even Gabor (phi = 0) has its maximum at
    zero frequency once n_x is below about 0.17, an odd one (phi = pi/2) never responds
    to uniform light at all."""
    n_x, _ = shape_numbers(params)
    phi = params[:, 6, None]
    u = np.linspace(0, 3, 601)[None, :]  # frequency across the bars, in units of f
    a = np.exp(-2 * np.pi**2 * n_x[:, None] ** 2 * (u - 1) ** 2)
    b = np.exp(-2 * np.pi**2 * n_x[:, None] ** 2 * (u + 1) ** 2)
    amplitude = np.abs(np.exp(1j * phi) * a + np.exp(-1j * phi) * b) / 2
    return amplitude[:, 0] / amplitude.max(axis=1)


def well_fitted(params, r_squared, size):
    """Fits that explain the filter and whose shape numbers are measured.

    The fit pushes the centre to the patch's edge, or sigma_y to its ceiling (4 * size),
    for a bar longer than the patch, and the frequency to its floor for a smooth ramp:
    none of these has a measurable n_x or n_y. An odd Gabor whose envelope is much
    narrower than a cycle (2 pi sigma_x f << 1) is a derivative of a Gaussian, a
    band-pass edge whatever f is: the fit cannot tell f (and so n_x, n_y) from sigma_x,
    and drifts to a long period with n_x near 0, so these fits are dropped too."""
    inside = np.all((params[:, :2] > -0.5) & (params[:, :2] < size - 0.5), axis=1)
    grating = params[:, 5] > np.log(0.25 / size) + 1e-6
    bounded_length = params[:, 4] < np.log(4 * size) - 1e-6
    n_x, _ = shape_numbers(params)
    edge_without_grating = (np.abs(np.sin(params[:, 6])) > ODD_PHASE) & (2 * np.pi * n_x < NARROW_ENVELOPE)
    return (r_squared >= GOOD_FIT) & inside & grating & bounded_length & ~edge_without_grating


if __name__ == "__main__":
    D, size = saved_dictionary()  # the dictionary sparse_coding.py learns (saved in data/)
    filters = D.T.reshape(-1, size, size)
    params, r_squared = fit_gabors(filters)
    keep = well_fitted(params, r_squared, size)
    n_x, n_y = shape_numbers(params[keep])

    fig, (ax_examples, ax_shape) = plt.subplots(1, 2, width_ratios=[1, 1.3])
    examples = np.flatnonzero(keep)[np.argsort(-r_squared[keep])][[0, 10, 20, 30]]
    fitted = gabor(params[examples], size)
    gap = np.full((size, 2), np.nan)
    top = np.hstack([np.hstack([filters[i] / np.abs(filters[i]).max(), gap]) for i in examples])
    bottom = np.hstack([np.hstack([g / np.abs(filters[i]).max(), gap]) for i, g in zip(examples, fitted)])
    ax_examples.imshow(np.vstack([top, np.full((2, top.shape[1]), np.nan), bottom]), cmap="gray", vmin=-1, vmax=1)
    ax_examples.set_axis_off()
    ax_examples.set_title("Filters (top), fitted Gabors")
    # logarithmic axes, as Ringach's: n_y spans a wider range than n_x
    ax_shape.plot([0.1, 10], [0.1, 10], color="C6", linewidth=1)
    ax_shape.scatter(n_x, n_y, s=14, color="C4")
    ax_shape.set_xscale("log")
    ax_shape.set_yscale("log")
    ax_shape.set_xlim(0.1, 10)
    ax_shape.set_ylim(0.1, 10)
    ax_shape.set_aspect("equal")
    ax_shape.set_xlabel(r"$n_x = \sigma_x f$ (across the bars)")
    ax_shape.set_ylabel(r"$n_y = \sigma_y f$ (along)")
    ax_shape.set_title("Shape, as in Ringach 2002")

    print(f"fitted {len(filters)} filters; kept {keep.sum()} (R² ≥ {GOOD_FIT}, centre inside the patch, "
          "a grating, σ_y below its ceiling, not an edge without a measurable grating)")
    print(f"excluded {len(filters) - keep.sum()} of {len(filters)} ({1 - keep.mean():.0%})")
    print(f"median R² of the kept fits: {np.median(r_squared[keep]):.2f}")
    print(f"median n_x = {np.median(n_x):.2f}, median n_y = {np.median(n_y):.2f}")
    print(f"n_x quartiles {np.percentile(n_x, 25):.2f}–{np.percentile(n_x, 75):.2f}, "
          f"n_y quartiles {np.percentile(n_y, 25):.2f}–{np.percentile(n_y, 75):.2f}")
    print(f"share with n_y > n_x (longer than wide): {np.mean(n_y > n_x):.0%}")
    print(f"share with n_x < 0.5 (an envelope narrower than half a cycle: few subfields): {np.mean(n_x < 0.5):.0%}")
    print(f"largest zero-frequency response over the peak (1 = low-pass): {dc_to_peak(params[keep]).max():.2f}")
    print(f"smallest n_x {n_x.min():.2f}; largest n_x {n_x.max():.2f}, largest n_y {n_y.max():.2f}")
    plt.show()
