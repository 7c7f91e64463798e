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
