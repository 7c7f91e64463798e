"""The figure gallery's cards at 1280 px and 390 px, light and dark: thumbnails drawn large
enough to read (at least 70 % of the figure's own width, where its 16-px text is 11 px;
visual review A: three-a-row cards drew it at 6.5 px) and never larger than the figure, a
phone served the figures' phone layouts, rows that leave no empty space beside their last
card, titles on one or two lines, group headings in the heading's colour, not the link's,
and an index of the pages above the cards."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const grids = [...document.querySelectorAll('.gallery-grid')];
  const holes = [];
  for (const grid of grids) {
    const box = grid.getBoundingClientRect();
    const rows = {};
    for (const card of grid.children) {
      const r = card.getBoundingClientRect();
      (rows[Math.round(r.top)] ||= []).push(r);
    }
    for (const row of Object.values(rows)) {
      const right = Math.max(...row.map(r => r.right));
      if (box.right - right > 2) holes.push(box.right - right);
    }
  }
  const thumbs = [...document.querySelectorAll('.gallery-card__thumb')].map(t => {
    const shown = [...t.querySelectorAll('img')].filter(i => getComputedStyle(i).display !== 'none');
    const img = shown[0];
    const r = t.getBoundingClientRect(), i = img.getBoundingClientRect();
    // The <source> the browser picked (a phone's) or the <img>'s own file.
    const source = img.parentElement.tagName === 'PICTURE' && matchMedia(img.parentElement.querySelector('source').media).matches
      ? img.parentElement.querySelector('source').getAttribute('srcset') : img.getAttribute('src');
    return {shown: shown.length, phone: source.includes('-phone'), hasPhone: img.parentElement.tagName === 'PICTURE',
            width: i.width, figure: +img.getAttribute('width'),
            inside: i.left >= r.left - 1 && i.right <= r.right + 1 && i.top >= r.top - 1 && i.bottom <= r.bottom + 1};
  });
  const index = [...document.querySelectorAll('.gallery-index a')].map(a => a.getAttribute('href'));
  const sections = [...document.querySelectorAll('h2[id^="gallery-"]')].map(h => '#' + h.id);
  const titles = [...document.querySelectorAll('.gallery-card__title')].map(a => {
    const line = parseFloat(getComputedStyle(a).lineHeight);
    return a.getBoundingClientRect().height / line;
  });
  const heading = document.querySelector('h2[id^="gallery-"]');
  return {grids: grids.length, holes, thumbs, titles, index, sections,
          headingLinks: document.querySelectorAll('h2[id^="gallery-"] a:not(.headerlink)').length,
          headingColor: getComputedStyle(heading).color,
          linkColor: getComputedStyle(document.querySelector('.gallery-page a')).color};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_gallery_cards_are_uniform_and_leave_no_holes(browser, base_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "gallery/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    m = page.evaluate(MEASURE)
    context.close()
    assert m["grids"] > 20 and not m["holes"], m["holes"]
    assert len(m["thumbs"]) > 80
    assert all(t["shown"] == 1 and t["inside"] for t in m["thumbs"])  # one palette's copy, in its box
    if width > 719:  # desktop copies, each at 70-100 % of its own width (its 16-px text at 11-16 px)
        small = [t for t in m["thumbs"] if not 0.7 * t["figure"] - 1 <= t["width"] <= t["figure"] + 1]
        assert not any(t["phone"] for t in m["thumbs"]) and not small, small[:3]
    else:  # every figure with a phone layout shows it, across the card
        with_phone = [t for t in m["thumbs"] if t["hasPhone"]]
        assert len(with_phone) > 60 and all(t["phone"] and t["width"] > 300 for t in with_phone)
    assert m["index"] == m["sections"] and len(m["index"]) > 20  # the index links every section, in order
    assert max(m["titles"]) < 2.6, max(m["titles"])  # "Figure N · Page title": one or two lines
    assert m["headingLinks"] == 0 and m["headingColor"] != m["linkColor"]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_note_on_a_copy_without_a_public_address_is_quiet(browser, base_url, scheme):
    """The tests' site has no public URL: the gallery says so once, in a small muted line
    under its introduction (issue 29: it was a bold notice), not in body text."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "gallery/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    note, body = page.evaluate("""() => [document.querySelector('.gallery-no-url'),
        document.querySelector('.md-content__inner > p')].map(p => {
          const s = getComputedStyle(p), b = p.querySelector('b, strong');
          return {size: parseFloat(s.fontSize), color: s.color, bold: b ? getComputedStyle(b).fontWeight : null,
                  weight: s.fontWeight, before: !!(p.compareDocumentPosition(document.querySelector('.gallery-card')) & 4)};
        })""")
    context.close()
    assert note["bold"] is None and note["weight"] == "400" and note["before"], note
    assert note["size"] < body["size"] and note["color"] != body["color"], (note, body)
