"""nn_site/pages/tables.py: content tables in a named, focusable scroll box; the ledger's
left alone; a table whose last column is links labelled for cards on a phone."""

from __future__ import annotations

import re

from nn_site.pages.tables import wrap_tables

PLAIN = "<table>\n<thead><tr><th>A</th><th>B</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>two</td></tr>\n</tbody>\n</table>"
LINKS = (
    "<table>\n<thead><tr><th>Time</th><th>Pages</th></tr></thead>\n<tbody>\n"
    '<tr><td>10 min</td><td><a href="../a/">A</a>, <a href="../b/">B</a></td></tr>\n'
    '<tr><td>5 min</td><td><a href="../c/">C</a></td></tr>\n</tbody>\n</table>'
)


def test_a_content_table_gets_a_named_focusable_box():
    out = wrap_tables(f"<p>x</p>\n{PLAIN}\n<p>y</p>")
    assert out == (
        '<p>x</p>\n<div class="nn-table-scroll" tabindex="0" role="region" '
        f'aria-label="Table 1, scrolls sideways">{PLAIN}</div>\n<p>y</p>'
    )


def test_every_box_has_a_name_of_its_own():
    """Each box is a region landmark: two with one name fail axe's landmark-unique."""
    out = wrap_tables(f"{PLAIN}\n{LINKS}\n{PLAIN}")
    assert re.findall(r'aria-label="([^"]+)"', out) == ["Table 1, scrolls sideways", "Table 2", "Table 3, scrolls sideways"]
    assert 'aria-label="Slide decks, scrolls sideways"' in wrap_tables(PLAIN, name="Slide decks")


def test_the_ledger_table_is_left_as_it_is():
    html = f'<div class="ledger-table ledger-table--compact">\n{PLAIN}\n</div>'
    assert wrap_tables(html) == html


def test_a_last_column_of_links_makes_cards_labelled_by_heading():
    out = wrap_tables(LINKS)
    assert out.startswith('<div class="nn-table-scroll nn-table-cards" tabindex="0"')
    assert out.count('data-label="Time"') == 2 and out.count('data-label="Pages"') == 2
    assert "<th>Time</th>" in out  # the head row is not labelled


def test_a_last_column_of_citations_makes_cards():
    """scale-and-energy's register: Quantity, Value, Unit, Range, Source; at 390 px the
    Source column was cut mid-name. A column of citations is what a reader came for."""
    cite = '<span class="citation">(<a href="#ref-a">A et al. 2009</a>)</span>'
    sources = LINKS.replace('<a href="../a/">A</a>, <a href="../b/">B</a>', cite).replace('<a href="../c/">C</a>', cite)
    out = wrap_tables(sources)
    assert out.startswith('<div class="nn-table-scroll nn-table-cards" tabindex="0"')
    assert out.count('data-label="Pages"') == 2
    said = sources.replace(cite, f"{cite} (reviewed)", 1)  # a cell with more than its source
    assert "nn-table-cards" not in wrap_tables(said)


def test_a_last_column_with_words_besides_links_is_no_card():
    words = LINKS.replace('<a href="../c/">C</a>', '<a href="../c/">C</a> (dark)')
    assert "nn-table-cards" not in wrap_tables(words)


def test_a_table_with_a_sentence_makes_cards():
    """A column of sentences (data-long) keeps 15 rem on a phone, so such a table scrolled
    with its content off screen (visual review C): it is a stack of cards instead."""
    long = PLAIN.replace("<td>two</td>", "<td data-long>a cell that holds a whole sentence</td>")
    out = wrap_tables(long)
    assert out.startswith('<div class="nn-table-scroll nn-table-cards" tabindex="0"')
    assert 'data-label="A"' in out and 'data-label="B" data-long' not in out and 'data-long data-label="B"' in out
    assert "nn-table-cards" not in wrap_tables(PLAIN.replace("<td>two</td>", '<td data-longer="x">two</td>'))


def test_a_heading_with_math_labels_its_cards_in_plain_text():
    """Visual review 6: synapses' "Weight w_i" heading (MathML) became the card label
    "Weight w\\ni" (the MathML's text, its line breaks kept). A label is plain text: a
    sub- or superscript becomes its Unicode character, or "_"/"^" where there is none."""
    math = '<math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mi>w</mi>\n<mi>i</mi>\n</msub>\n</math>'
    heads = f"<th>Property</th><th>Weight {math}</th><th>x &amp; <math><msup><mi>x</mi><mn>2</mn></msup></math></th>"
    table = (
        f"<table>\n<thead><tr>{heads}</tr></thead>\n<tbody>\n"
        "<tr><td>a</td><td data-long>a sentence</td><td>b</td></tr>\n</tbody>\n</table>"
    )
    out = wrap_tables(table)
    assert 'data-label="Weight wᵢ"' in out and 'data-label="x &amp; x²"' in out
    assert "&amp;amp;" not in out
    from nn_site.pages.tables import label_text

    assert label_text("<math><msub><mi>V</mi><mrow><mi>th</mi></mrow></msub></math>") == "Vₜₕ"
    assert label_text("<math><msub><mi>w</mi><mi>q</mi></msub></math>") == "w_q"  # no Unicode subscript q


def test_an_empty_cell_makes_no_labelled_row():
    """scale-and-energy's register: a quantity with one value has an empty "Range": its
    card showed a "Range" heading over nothing (24 cards of five rows). An empty cell gets
    no data-label, and site.css hides a card cell without one."""
    cite = '<span class="citation">(<a href="#ref-a">A 2009</a>)</span>'
    table = (
        "<table>\n<thead><tr><th>Quantity</th><th>Range</th><th>Source</th></tr></thead>\n<tbody>\n"
        f'<tr><td>neurons</td><td style="text-align: right;">1 to 2</td><td>{cite}</td></tr>\n'
        f'<tr><td>synapses</td><td style="text-align: right;"> </td><td>{cite}</td></tr>\n</tbody>\n</table>'
    )
    out = wrap_tables(table)
    assert out.count('data-label="Range"') == 1 and out.count('data-label="Source"') == 2
    assert '<td style="text-align: right;"></td>' in out


LABELLED = re.compile(r'<td\b[^>]*\bdata-label="([^"]*)"[^>]*>(.*?)</td>', re.DOTALL)


def test_built_card_labels_are_plain_one_line_text_over_content(site):
    """Every card label of the built site is one line of text (no MathML's text broken
    over lines, no markup), and no labelled cell is empty."""
    problems, labels = [], set()
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        for label, body in LABELLED.findall(text):
            labels.add(label)
            if "\n" in label or "<" in label or "&amp;amp;" in label or not label.strip():
                problems.append(f"{html.parent.name}: label {label!r}")
            if not re.sub(r"<[^>]+>", "", body).strip() and "<img" not in body:
                problems.append(f"{html.parent.name}: empty cell labelled {label!r}")
    assert "Weight wᵢ" in labels and "Range" in labels, sorted(labels)
    assert not problems, "\n".join(problems[:20])
