"""From the logical neuron to deep learning: the events this page discusses, on
one axis.

Blue: ideas that came from, or went back to, the study of the brain. Pink: results
about the artificial networks themselves. Each label names its source, Author Year.
"""

import matplotlib.pyplot as plt

EVENTS = [  # year, label, source key, side (+1: from biology; -1: the machines)
    (1943, "McCulloch & Pitts: threshold logic neuron", "mcculloch1943", +1),
    (1949, "Hebb: cells that fire together strengthen links", "hebb1949", +1),
    (1958, "Rosenblatt: the perceptron", "rosenblatt1958", -1),
    (1962, "Hubel & Wiesel: hierarchy in visual cortex", "hubel1962", +1),
    (1969, "Minsky & Papert: limits of one layer", "minsky1969", -1),
    (1986, "Rumelhart, Hinton & Williams: backprop", "rumelhart1986", -1),
    (1989, "Crick: backprop is unrealistic for brains", "crick1989", +1),
    (2012, "Krizhevsky et al.: AlexNet wins ImageNet", "krizhevsky2012", -1),
    (2016, "Lillicrap et al.: random feedback works", "lillicrap2016", +1),
    (2020, "Brown et al.: GPT-3, 175 billion parameters", "brown2020", -1),
    (2023, "Zador et al.: call for NeuroAI", "zador2023", +1),
]


if __name__ == "__main__":
    fig, ax = plt.subplots(figsize=(7, 5.2))
    rows = range(len(EVENTS))   # one row per event, oldest at the top
    ax.plot([0, 0], [-0.5, len(EVENTS) - 0.5], color="C6", linewidth=1.5)
    for row, (year, label, key, side) in zip(rows, EVENTS):
        who, what = label.split(": ", 1)
        colour = "C0" if side > 0 else "C3"
        ax.plot(0, row, "o", color=colour, markersize=7)
        ax.text(-0.4, row, str(year), ha="right", va="center")
        ax.text(0.4, row, f"{who} {year}: {what}", ha="left", va="center", color=colour)
    ax.plot([], [], "o", color="C0", label="from neuroscience")
    ax.plot([], [], "o", color="C3", label="about the machines")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, borderaxespad=0.2)
    ax.set_xlim(-3, 20)
    ax.set_ylim(len(EVENTS) - 0.5, -0.5)
    ax.axis("off")
    plt.show()
