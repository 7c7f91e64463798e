"""A small spiking network trained with surrogate gradients (shown on the page).

Discrete-time LIF neurons with the site's membrane time constant tau = 10 ms and
a time step of 1 ms, so the membrane keeps beta = exp(-1/10) of its value each
step. Voltages are measured from rest in units of the threshold distance
(V_th - E_L = 20 mV on the integrate-and-fire page), so the threshold is 1.
Reset is by subtraction: a spike removes 1 from the membrane.

    V[t] = beta V[t-1] + W1 x[t] - S[t-1]        hidden membranes
    S[t] = H(V[t] - 1)                           hidden spikes (Heaviside step)
    U[t] = beta U[t-1] + W2 S[t]                 output membranes (no spikes)
    logits = mean over t of U[t];  loss = cross-entropy

H has derivative zero everywhere except at the threshold, so backpropagation
through time (BPTT) replaces dS/dV by a surrogate: the derivative of a steep
sigmoid, k sig(k(V-1)) (1 - sig(k(V-1))). With smooth=True the forward pass uses
that sigmoid too, which makes the network differentiable; the same backward pass
is then its exact gradient (the tests check this against finite differences).
"""

import numpy as np

BETA = np.exp(-1.0 / 10.0)     # dt / tau = 1 ms / 10 ms
K = 5.0                        # steepness of the surrogate sigmoid


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(w1, w2, x, smooth=False):
    """x: inputs (T, batch, n_in) of 0/1 spikes. Returns logits and the stored states."""
    steps, batch, _ = x.shape
    v = np.zeros((batch, w1.shape[0]))
    s = np.zeros_like(v)
    u = np.zeros((batch, w2.shape[0]))
    vs, ss, us = [], [], []
    for t in range(steps):
        v = BETA * v + x[t] @ w1.T - s
        s = sig(K * (v - 1.0)) if smooth else (v >= 1.0).astype(float)
        u = BETA * u + s @ w2.T
        vs.append(v); ss.append(s); us.append(u)
    return np.mean(us, axis=0), (np.array(vs), np.array(ss))


def loss_and_grads(w1, w2, x, y, smooth=False):
    """Cross-entropy loss and its BPTT gradients with respect to w1 and w2."""
    steps, batch, _ = x.shape
    logits, (vs, ss) = forward(w1, w2, x, smooth)
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(batch), y] + 1e-12))
    g = p.copy()
    g[np.arange(batch), y] -= 1.0
    g /= batch * steps                          # dL/dU[t] from the mean over t, per step
    gw1, gw2 = np.zeros_like(w1), np.zeros_like(w2)
    du = np.zeros_like(g)                       # dL/dU[t], accumulated backwards in time
    dv_next = np.zeros((batch, w1.shape[0]))    # dL/dV[t+1]
    for t in reversed(range(steps)):
        du = g + BETA * du
        gw2 += du.T @ ss[t]
        ds = du @ w2 - dv_next                  # S[t] feeds U[t] and the reset in V[t+1]
        q = sig(K * (vs[t] - 1.0))
        dv = ds * K * q * (1.0 - q) + BETA * dv_next
        gw1 += dv.T @ x[t]
        dv_next = dv
    return loss, gw1, gw2


def accuracy(w1, w2, x, y):
    logits, _ = forward(w1, w2, x)
    return np.mean(np.argmax(logits, axis=1) == y)
