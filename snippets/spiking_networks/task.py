"""The toy task: which of three rate patterns produced these spike trains?

Each class is a fixed random pattern of firing rates over 20 input neurons (0 to
100 Hz). A sample is 50 time steps of 1 ms in which each input spikes with
probability rate x 1 ms, independently. Chance is one in three.
"""

import numpy as np

N_IN, N_CLASSES, STEPS = 20, 3, 50


def templates(rng):
    return rng.uniform(0.0, 0.1, size=(N_CLASSES, N_IN))    # spikes per 1 ms step


def sample(rates, n, rng):
    y = rng.integers(0, N_CLASSES, size=n)
    x = (rng.random((STEPS, n, N_IN)) < rates[y][None, :, :]).astype(float)
    return x, y
