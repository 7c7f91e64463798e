"""A passive dendrite as a chain of compartments, and the cable equation's closed form.

A cylinder of diameter d and length L is cut into N equal compartments. Each has a
membrane (a resistor and a capacitor to the outside) and is joined to its
neighbours by the resistance of the cytoplasm between their centres. Both ends are
sealed (no current leaves through them). A current injected at x = 0, the end
where the soma would sit, spreads along the cable and leaks out through the
membrane. The steady state of this chain is compared with the closed-form
solution of the cable equation for a finite sealed cable,

    V(x) = V(0) cosh((L - x)/lambda) / cosh(L/lambda),  V(0) = I R_inf coth(L/lambda),

with length constant lambda = sqrt(d R_m / (4 R_i)) and R_inf = 4 R_i lambda / (pi d^2).
Units are SI inside (metres, ohms, farads, amperes, seconds); printed in µm, MΩ, mV.

Other snippets in this folder import this module; run it on its own to print the
check for growing numbers of compartments.
"""

import numpy as np

# Typical textbook values (Dayan & Abbott 2001, ch. 5 and sec. 6.3): a 4-um-thick dendrite.
D = 4e-6        # diameter, m
R_M = 1.0       # specific membrane resistance, ohm m^2   (= 10^4 ohm cm^2)
R_I = 1.0       # intracellular resistivity, ohm m        (= 100 ohm cm)
C_M = 1e-2      # specific membrane capacitance, F/m^2    (= 1 uF/cm^2)
L = 1e-3        # length, m
I0 = 0.1e-9     # injected current, A

LAMBDA = np.sqrt(D * R_M / (4 * R_I))          # length constant, m
TAU = R_M * C_M                                 # membrane time constant, s
R_INF = 4 * R_I * LAMBDA / (np.pi * D**2)       # input resistance of a semi-infinite cable, ohm


def closed_form(x, length=L, current=I0):
    """Steady-state voltage (V, relative to rest) of a finite sealed cable, current at x = 0."""
    v0 = current * R_INF / np.tanh(length / LAMBDA)
    return v0 * np.cosh((length - x) / LAMBDA) / np.cosh(length / LAMBDA)


def compartments(n, length=L):
    """Centres (m), capacitances (F) and conductance matrix G (S) of n equal compartments.

    G @ V is the current each compartment loses, through its membrane and to its
    neighbours, when the voltages are V; the sealed ends simply have one neighbour.
    """
    h = length / n
    g_m = np.pi * D * h / R_M                   # membrane conductance of one compartment
    g_a = np.pi * D**2 / (4 * R_I * h)          # axial conductance between neighbours
    G = np.diag(np.full(n, g_m))
    for k in range(n - 1):
        G[k, k] += g_a
        G[k + 1, k + 1] += g_a
        G[k, k + 1] = G[k + 1, k] = -g_a
    centres = (np.arange(n) + 0.5) * h
    capacitance = np.full(n, np.pi * D * h * C_M)
    return centres, capacitance, G


def steady_state(n, length=L, current=I0, site=0):
    """Voltages (V) in every compartment at steady state, current into compartment `site`."""
    centres, _, G = compartments(n, length)
    inject = np.zeros(n)
    inject[site] = current
    return centres, np.linalg.solve(G, inject)


def max_error(n, length=L):
    """Largest difference (mV) between the compartments and the closed form at their centres."""
    x, v = steady_state(n, length)
    return 1e3 * np.max(np.abs(v - closed_form(x, length)))


if __name__ == "__main__":
    print(f"length constant λ = {LAMBDA * 1e6:.0f} µm, τ = {TAU * 1e3:.0f} ms")
    print(f"input resistance (closed form): {R_INF / np.tanh(L / LAMBDA) / 1e6:.1f} MΩ,")
    print(f"so {I0 * 1e9:g} nA gives V(0) = {closed_form(0.0) * 1e3:.2f} mV")
    print("compartments  V(soma end)  largest error")
    for n in (10, 20, 40, 80, 160):
        x, v = steady_state(n)
        print(f"{n:12d}  {v[0] * 1e3:8.3f} mV  {max_error(n):10.4f} mV")
