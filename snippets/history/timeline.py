"""From the logical neuron to deep learning: the events this page discusses, oldest
at the top, in two columns split where the years jump (1969 to 1986).

Blue dots: ideas that passed between the study of the brain and the machines, either way.
Reddish-purple dots: results about the artificial networks themselves. Each label gives
the year, then its source's authors.
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
    LINE, GAP, WIDTH = 0.21, 0.16, 3.45  # one line of 12-pt text, between events, column (in)
    WRAP = 36  # characters per line: the longest that fits a column beside the dots
    HEAD_WRAP = 28  # the bold year-and-authors line is wider per character
    JUMP = 10  # years between neighbours above which the spine is broken and the gap named
    columns = [[e for e in EVENTS if e[0] < 1980], [e for e in EVENTS if e[0] >= 1980]]

    def rows(column):
        """Each event's top (in) and wrapped lines; a jump in years adds one line's room."""
        y, placed = 0.0, []
        for index, (year, label, key, side) in enumerate(column):
            if index and year - column[index - 1][0] > JUMP:
                y += LINE + GAP
            who, what = label.split(": ", 1)
            head = textwrap.wrap(f"{year}  {who}", HEAD_WRAP)
            lines = textwrap.wrap(what, WRAP)
            placed.append((y, head, lines))
            y += LINE * (len(head) + len(lines)) + GAP
        return placed, y

    layouts = [rows(column) for column in columns]
    fig, axes = plt.subplots(1, 2, figsize=(7, max(h for _, h in layouts) + 0.6))
    for ax, column, (placed, height) in zip(axes, columns, layouts):
        x = 0.1
        start = 0.0
        for index, ((year, label, key, side), (y, head, lines)) in enumerate(zip(column, placed)):
            if index and year - column[index - 1][0] > JUMP:
                # The spine stops where years are left out; a dotted stretch and a note
                # say so, as a broken axis would.
                previous_end = y - LINE - GAP
                ax.plot([x, x], [start, previous_end], color="C6", linewidth=1.5)
                ax.plot([x, x], [previous_end, y], color="C6", linewidth=1.5, linestyle=":")
                note = ax.text(
                    0.26,
                    previous_end + 0.02,
                    f"{column[index - 1][0] + 1}–{year - 1} left out",
                    ha="left",
                    va="top",
                    color="C6",
                    style="italic",
                )
                note.set_in_layout(False)
                start = y
            # The dot carries the category; the text stays in the body colour, whose
            # contrast on white and on the dark page is the text's own.
            ax.plot(x, y + LINE / 2, "o", color="C0" if side > 0 else "C3", markersize=8)
            texts = [
                ax.text(0.26, y, "\n".join(head), ha="left", va="top", fontweight="bold", linespacing=1.25),
                ax.text(0.26, y + LINE * len(head), "\n".join(lines), ha="left", va="top", linespacing=1.25),
            ]
            for text in texts:
                # Laid out by the inch grid above, not by constrained layout: counting
                # the text would shrink the axes and with them the rows under 12-pt lines.
                text.set_in_layout(False)
        ax.plot([x, x], [start, height - GAP], color="C6", linewidth=1.5)
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(height, 0)
        ax.set_aspect("equal")
        ax.set_anchor("NW")  # both columns start at the top left of their cell
        ax.axis("off")
    axes[0].plot([], [], "o", color="C0", label="brain \u2194 machine")
    axes[0].plot([], [], "o", color="C3", label="about the machines")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper left", ncol=2)
    plt.show()
