"""Divisive normalisation next to softmax, layer norm and batch norm.

Divisive normalisation (Carandini & Heeger 2012) divides each neuron's driving
input D_j, raised to a power n, by a constant plus the summed input of a pool:

    R_j = gamma D_j^n / (sigma^n + sum_k D_k^n).

First panel: the contrast-response curve of one neuron, R = c^n / (sigma^n + c^n + m^n),
when a mask of contrast m, which does not drive the neuron but feeds the pool,
is added: the curve slides to the right on a log axis. The other three: what three
of the normalisations do to the same input vector x, to 3x and to x + 2: the printed table
says which outputs stay the same (scale and shift invariance).
"""

import matplotlib.pyplot as plt
import numpy as np

N_EXP, SIGMA = 2.0, 0.1  # exponent and semi-saturation constant (contrast units)


def divisive(d, sigma=SIGMA, n=N_EXP, gamma=1.0, axis=-1):
    d = np.asarray(d, dtype=float) ** n
    return gamma * d / (sigma**n + d.sum(axis=axis, keepdims=True))


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def layer_norm(x, eps=1e-5, axis=-1):
    """Ba, Kiros & Hinton (2016), without the learned gain and bias: per example."""
    mean = x.mean(axis=axis, keepdims=True)
    return (x - mean) / np.sqrt(x.var(axis=axis, keepdims=True) + eps)


def batch_norm(x, eps=1e-5):
    """Ioffe & Szegedy (2015), training mode, without gain and bias: per feature,
    over the examples of a batch (rows)."""
    return layer_norm(x, eps=eps, axis=0)


def same(a, b):
    """Equal to three decimals (layer norm's eps makes scaling change it by ~1e-4)."""
    return bool(np.allclose(a, b, rtol=0.0, atol=1e-3))


def contrast_response(c, mask=0.0, sigma=SIGMA, n=N_EXP):
    return c**n / (sigma**n + c**n + mask**n)


if __name__ == "__main__":
    x = np.array([[0.2, 0.5, 0.1, 0.4]])
    np.set_printoptions(precision=3, suppress=True)
    for name, f in (
        ("divisive s=0", lambda v: divisive(v, sigma=0.0)),
        ("divisive s=0.1", divisive),
        ("softmax", softmax),
        ("layer norm", layer_norm),
    ):
        print(f"{name:14s} {f(x)[0]}  3x same: {same(f(3 * x), f(x))!s:5}  x+2 same: {same(f(x + 2), f(x))}")
    batch = np.random.default_rng(0).random((8, 4))
    print("batch norm over 8 examples: feature means", batch_norm(batch).mean(axis=0).round(12) + 0.0)
    print("                            feature stds ", batch_norm(batch).std(axis=0))

    fig, axes = plt.subplots(2, 2, figsize=(7, 6.2))
    # Each legend sits above the first panel that uses it, outside the data, and the
    # panel's title above the legend (pad in points: one legend row and its border).
    LEGEND_PAD = 30
    above = dict(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        borderaxespad=0.3,
        ncol=3,
        handlelength=1.8,
        columnspacing=0.9,
        handletextpad=0.4,
    )
    ax_c = axes[0, 0]
    c = np.logspace(-3, 0, 300)
    # The masks are levels of one quantity: one neutral colour, told apart by dash, so
    # that the panels' colours keep meaning the three inputs.
    for mask, style in ((0.0, "-"), (0.1, "--"), (0.3, ":")):
        ax_c.plot(c, contrast_response(c, mask), style, color="C6", linewidth=2, label=f"${mask:g}$")
    ax_c.set_xscale("log")
    ax_c.set_xlabel("test contrast $c$")
    ax_c.set_ylabel("response")
    ax_c.set_title("contrast response; mask $m$:", pad=LEGEND_PAD)
    ax_c.legend(**above)
    funcs = {r"divisive, $\sigma = 0$": lambda v: divisive(v, sigma=0.0), "softmax": softmax, "layer norm": layer_norm}
    # Where two inputs give the same outputs their lines coincide: hollow markers of
    # decreasing size keep every input visible inside the one drawn over it.
    inputs = (
        (x, "C2", "-", "o", 11, "$x$"),
        (3 * x, "C0", "--", "s", 7.5, "$3x$"),
        (x + 2, "C1", ":", "D", 4.5, "$x + 2$"),
    )
    for ax, (name, f) in zip(axes.flat[1:], funcs.items()):
        for values, colour, style, marker, size, label in inputs:
            ax.plot(
                np.arange(1, 5),
                f(values)[0],
                style,
                marker=marker,
                markersize=size,
                markerfacecolor="none",
                markeredgewidth=1.6,
                color=colour,
                label=label,
            )
        ax.set_title(name, pad=LEGEND_PAD if ax is axes[0, 1] else None)
        ax.set_xticks(range(1, 5))
        ax.set_xlabel("unit $j$")
        ax.set_ylabel("output")
    axes[0, 1].legend(**above)
    plt.show()
