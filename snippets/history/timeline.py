"""From the logical neuron to deep learning: the events this page discusses, oldest
at the top, in two columns split where the years jump (1969 to 1986).

Blue: ideas that came from, or went back to, the study of the brain. Pink: results
about the artificial networks themselves. Each label names its source, Author Year.
"""

import textwrap

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
    # Each column is drawn in inches (equal aspect): an event's lines of text take the
    # same room whatever the column's width on the page.
    LINE, GAP, WIDTH = 0.21, 0.16, 3.2  # one line of 12-pt text, between events, column (in)
    columns = [[e for e in EVENTS if e[0] < 1980], [e for e in EVENTS if e[0] >= 1980]]
    heights = [sum(LINE * (1 + len(textwrap.wrap(e[1].split(": ", 1)[1], 28))) + GAP for e in column)
               for column in columns]
    fig, axes = plt.subplots(1, 2, figsize=(7, max(heights) + 0.6))
    for ax, column, height in zip(axes, columns, heights):
        ax.plot([0.12, 0.12], [0, height - GAP], color="C6", linewidth=1.5)
        y = 0.0
        for year, label, key, side in column:
            who, what = label.split(": ", 1)
            colour = "C0" if side > 0 else "C3"
            lines = textwrap.wrap(what, 28)
            ax.plot(0.12, y + LINE / 2, "o", color=colour, markersize=7)
            ax.text(0.32, y, f"{year}  {who}", ha="left", va="top", color=colour)
            ax.text(0.32, y + LINE, "\n".join(lines), ha="left", va="top", linespacing=1.25)
            y += LINE * (1 + len(lines)) + GAP
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(height, 0)
        ax.set_aspect("equal")
        ax.set_anchor("NW")  # both columns start at the top left of their cell
        ax.axis("off")
    axes[0].plot([], [], "o", color="C0", label="from neuroscience")
    axes[0].plot([], [], "o", color="C3", label="about the machines")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper left", ncol=2)
    plt.show()
