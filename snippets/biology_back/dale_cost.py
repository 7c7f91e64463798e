"""What Dale's principle costs this network, and why so little.

The softmax's answer depends only on the difference of the two logits, and its errors
(prob - target) sum to zero at every point, so the gradients on a hidden unit's two
outgoing weights are equal and opposite; so are Adam's steps, whose running averages
for the pair start equal (at zero) and stay so. Training therefore moves only the
difference of the pair, which is all the answer depends on, and never their sum. Under
Dale's principle, a weight that would cross zero is set to zero instead, and that
projection is the only thing that changes the sum.

The Dale networks do not start where the unconstrained ones do: their output weights
start with Dale's signs (sign * |W2|), which already computes a different function. A
third network per learning rule therefore starts there too but trains without the
projection ("-signed"), so that the different start and the projection can be told
apart. For each learning rule this prints: how many output weights of the unconstrained
network have the sign Dale's principle forbids (at the start and after training) and how
far each unit's mean outgoing weight (half the pair's sum) moved; the training
cross-entropy before training from each start; and for each of the three networks the
training cross-entropy, the test accuracy, how many output weights ended at exactly zero
and the mean size of a unit's mean outgoing weight at the start and at the end; last, on
how many of the 400 test points the unconstrained and the Dale network answer differently.
"""

import numpy as np
from network import N_EXCITATORY, N_HIDDEN, VARIANTS, data, train


def logits(net, points):
    """Output logits of the rate network (no saturation at h_max: the trained function)."""
    w1, b1, w2, b2 = (np.asarray(net[k]) for k in ("W1", "b1", "W2", "b2"))
    return np.maximum(points @ w1 + b1, 0) @ w2 + b2


def cross_entropy(net, points, labels):
    z = logits(net, points)
    z = z - z.max(1, keepdims=True)
    return float(np.mean(np.log(np.exp(z).sum(1)) - z[np.arange(len(labels)), labels]))


def power_of_ten(x):
    """x as a page writes it: 2.1 × 10⁻¹⁵, not 2.1e-15."""
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(str.maketrans('0123456789-', '⁰¹²³⁴⁵⁶⁷⁸⁹⁻'))}"


def mean_weight(net):
    """Each hidden unit's mean outgoing weight, half the sum of its pair."""
    return np.asarray(net["W2"]).mean(1)


if __name__ == "__main__":
    x, y, x_test, y_test = data()
    sign = np.where(np.arange(N_HIDDEN) < N_EXCITATORY, 1.0, -1.0)[:, None]
    nets, starts = {}, {}
    for key, (fa, dale) in VARIANTS.items():
        nets[key] = train(x, y, fa, dale)
        starts[key] = train(x, y, fa, dale, steps=0)          # the initial weights
    for key in ("bp", "fa"):                                   # Dale's start, no projection
        nets[key + "-signed"] = train(x, y, key == "fa", False, signed_start=True)
        starts[key + "-signed"] = train(x, y, key == "fa", False, steps=0, signed_start=True)
    for key in ("bp", "fa"):
        wrong, wrong_start = (int(np.sum(sign * np.asarray(net["W2"]) < 0)) for net in (nets[key], starts[key]))
        moved = np.abs(mean_weight(nets[key]) - mean_weight(starts[key])).max()
        print(f"{key}: {wrong} of {2 * N_HIDDEN} output weights have the sign Dale's principle forbids "
              f"({wrong_start} at the start); "
              f"largest change of a unit's mean outgoing weight {power_of_ten(moved)}")
    print(f"training cross-entropy before training: {cross_entropy(starts['bp'], x, y):.3f} from the random start, "
          f"{cross_entropy(starts['bp-dale'], x, y):.3f} from the start with Dale's signs")
    for key in ("bp", "fa"):
        dale = key + "-dale"
        for k in (key, key + "-signed", dale):
            zeros = int(np.sum(np.asarray(nets[k]["W2"]) == 0))
            start, end = np.abs(mean_weight(starts[k])).mean(), np.abs(mean_weight(nets[k])).mean()
            accuracy = 100 * np.mean((logits(nets[k], x_test).argmax(1)) == y_test)
            print(f"{k}: training cross-entropy {cross_entropy(nets[k], x, y):.4f}, test accuracy {accuracy:.1f} %, "
                  f"{zeros} output weights at zero, mean |mean outgoing weight| {start:.2f} → {end:.2f}")
        differ = int(np.sum(logits(nets[key], x_test).argmax(1) != logits(nets[dale], x_test).argmax(1)))
        print(f"{key} and {dale} answer differently on {differ} of {len(y_test)} test points")
