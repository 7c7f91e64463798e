"""From the logical neuron to deep learning: the events this page discusses, on
one axis.

Above the axis: ideas that came from, or went back to, the study of the brain.
Below: results about the artificial networks themselves. Each label carries
its source key.
"""

import matplotlib.pyplot as plt

EVENTS = [  # year, label, source key, side (+1 above: from biology; -1 below: the machines)
    (1943, "McCulloch & Pitts:\nthreshold logic neuron", "mcculloch1943", +1),
    (1949, "Hebb: cells that fire\ntogether strengthen links", "hebb1949", +1),
    (1958, "Rosenblatt:\nthe perceptron", "rosenblatt1958", -1),
    (1962, "Hubel & Wiesel:\nhierarchy in visual cortex", "hubel1962", +1),
    (1969, "Minsky & Papert:\nlimits of one layer", "minsky1969", -1),
    (1986, "Rumelhart, Hinton & Williams:\nbackprop, \"neurone-like units\"", "rumelhart1986", -1),
    (1989, "Crick: backprop is\nunrealistic for brains", "crick1989", +1),
    (2012, "Krizhevsky et al.:\nAlexNet wins ImageNet", "krizhevsky2012", -1),
    (2016, "Lillicrap et al.:\nrandom feedback works", "lillicrap2016", +1),
    (2020, "Brown et al.: GPT-3,\n175 billion parameters", "brown2020", -1),
    (2023, "Zador et al.:\ncall for NeuroAI", "zador2023", +1),
]


if __name__ == "__main__":
    fig, ax = plt.subplots(figsize=(9, 6.5))
    ax.axhline(0, color="C6", linewidth=1.5)
    levels = {+1: [0.7, 2.0, 3.3], -1: [-0.7, -2.0, -3.3]}
    used = {+1: 0, -1: 0}
    for year, label, key, side in EVENTS:
        height = levels[side][used[side] % 3]
        used[side] += 1
        colour = "C0" if side > 0 else "C3"
        ax.plot([year, year], [0, height], color=colour, linewidth=1)
        ax.plot(year, 0, "o", color=colour, markersize=6)
        ax.text(year, height + (0.08 if side > 0 else -0.08), f"{year}  {label}\n[{key}]",
                ha="center", va="bottom" if side > 0 else "top", fontsize=9)
    ax.text(1936, 0.2, "from neuroscience", color="C0", fontsize="small")
    ax.text(1936, -0.45, "about the machines", color="C3", fontsize="small")
    ax.set_xlim(1932, 2034)
    ax.set_ylim(-4.6, 4.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("year")
    fig.tight_layout()
    plt.show()
