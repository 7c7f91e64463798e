"""Slide decks (issue 33): one .pptx per content page, opened with python-pptx and
checked against the page it was made from: its figures, equations, ledger rows and
exercises; alt text on every picture, speaker notes on every slide; text an instructor
can project (body 20 pt, tables 18 pt, split across slides rather than shrunk)."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.shapes.picture import Picture

from nn_site.pages import ledger
from nn_site.publish import gallery, slides, versions

from conftest import ROOT

DOCS = ROOT / "docs"
LEDGER_ROWS = ledger.load(ROOT, DOCS)
QUANTITY = re.compile(r"\[\[q:[^\]]+\]\]")
EXERCISE_LIST = re.compile(r'<h2 id="exercises">.*?</h2>\s*<ol>', re.DOTALL)
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
# The credit under a figure, from the release data (mkdocs.yml), never typed in the code.
CREDIT = "{} v{}, CC BY 4.0".format(
    re.search(r"^site_name: (.+)$", CONFIG, re.MULTILINE)[1].strip(),
    re.search(r"^  release: (\S+)", CONFIG, re.MULTILINE)[1],
)
BIB_KEYS = re.findall(r"^@\w+\{([^,\s]+),", (DOCS / "references.bib").read_text(encoding="utf-8"), re.MULTILINE)
CONTINUED = " (continued)"


def content_pages(site: Path) -> list[tuple[str, Path]]:
    """(source page, its HTML) of every page whose Exercises section is a list of questions."""
    found = []
    for source in sorted(DOCS.glob("*.md")):
        if source.name in ("instructors.md", "index.md"):
            continue
        page_html = site / source.stem / "index.html"
        if page_html.is_file() and EXERCISE_LIST.search(page_html.read_text(encoding="utf-8")):
            found.append((source.name, page_html))
    return found


def deck_of(page_html: Path) -> Path:
    return page_html.parent / f"{page_html.parent.name}-slides.pptx"


def test_every_content_page_has_a_deck_and_links_to_it(site):
    pages = content_pages(site)
    assert len(pages) >= 30, pages
    for source, page_html in pages:
        text = page_html.read_text(encoding="utf-8")
        link = re.search(r'<p class="slides-download"><a href="([^"]+)" download>Slides \(\.pptx\)</a>', text)
        assert link, f"{source}: no Slides (.pptx) link"
        assert (page_html.parent / link[1]).resolve() == deck_of(page_html).resolve()
        assert deck_of(page_html).is_file(), f"{source}: no deck"
    # A page without exercises (the home page, the instructors' page) has no deck and no link.
    for name in ("index.html", "instructors/index.html", "gallery/index.html"):
        assert "slides-download" not in (site / name).read_text(encoding="utf-8")


def slide_title(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def body_text(slide) -> str:
    return " ".join(
        " ".join(s.text_frame.text.split()) for s in slide.shapes if s.has_text_frame and s != slide.shapes.title
    )


def without_continuations(deck) -> list:
    """The deck's slides with each "(continued)" slide folded into the one it continues
    (checked: it follows a slide of the same title): [(first slide, its continuations)]."""
    folded: list[tuple[object, list]] = []
    for slide in deck.slides:
        title = slide_title(slide)
        if title.endswith(CONTINUED):
            base = title.removesuffix(CONTINUED)
            assert folded and slide_title(folded[-1][0]) == base, title
            folded[-1][1].append(slide)
        else:
            folded.append((slide, []))
    return folded


@pytest.mark.parametrize("name", ["integrate-and-fire.md", "mapping.md", "population-dynamics.md"])
def test_a_deck_follows_its_page(site, name):
    page_html = site / Path(name).stem / "index.html"
    text = page_html.read_text(encoding="utf-8")
    figures = gallery.collect(text, name, "", f"{Path(name).stem}/index.html")
    deck = Presentation(deck_of(page_html))
    folded = without_continuations(deck)
    assert slide_title(folded[0][0]) and "CC BY 4.0" in folded[0][0].placeholders[1].text
    figure_slides = folded[1 : 1 + len(figures)]
    assert [slide_title(s) for s, _ in figure_slides] == [slides.short_title(f.title) for f in figures]
    for (slide, more), fig in zip(figure_slides, figures):
        title = slide_title(slide)
        assert len(title) <= slides.SHORT_TITLE and title.rstrip("…") != fig.caption, title
        body = body_text(slide)
        # The caption once, on the slide and its continuation; the credit short, once.
        shown = " ".join([body, *map(body_text, more)])
        assert fig.caption[:60] in body and shown.count(fig.caption[:40]) == 1, fig.title
        assert body.endswith(CREDIT) and body.count("CC BY") == 1, body
        picture = next(s for s in slide.shapes if isinstance(s, Picture))
        # As large as fits: the slide's width, or the height left by the title and caption.
        assert picture.width > deck.slide_width * 0.45 or picture.height > deck.slide_height * 0.5, fig.title
    questions = len(re.findall(r"<li>", EXERCISE_LIST.split(text, 1)[1].split("<h2", 1)[0].split("</ol>")[0]))
    last, more = folded[-1]
    assert slide_title(last) == "Discussion questions"
    assert sum(len(s.shapes[1].text_frame.paragraphs) for s in [last, *more]) >= questions > 0


def test_every_deck_opens_and_has_the_slides_of_its_page(site):
    checked = 0
    for source, page_html in content_pages(site):
        text = page_html.read_text(encoding="utf-8")
        deck = Presentation(deck_of(page_html))
        figures = gallery.collect(text, source, "", f"{Path(source).stem}/index.html")
        equations = slides.display_equations((DOCS / source).read_text(encoding="utf-8"))
        drawable = any(slides.mathtext_lines(tex) for tex in equations)
        rows = [r for r in LEDGER_ROWS if r["page"] == source]
        folded = without_continuations(deck)
        titles = [slide_title(s) for s, _ in folded]
        # Title, one slide per figure, the equations, the verdicts, the questions: each
        # followed by the "(continued)" slides its text needs at 20 pt (18 pt in a table).
        expected = 2 + len(figures) + ("Key equations" in titles) + bool(rows)
        assert len(folded) == expected, f"{source}: {titles}"
        assert ("Key equations" in titles) <= drawable, source
        if rows:
            first, more = folded[-2]
            tables = [next(s for s in slide.shapes if s.has_table).table for slide in [first, *more]]
            cells = [[t.cell(i, c).text for t in tables for i in range(1, len(t.rows))] for c in (0, 1)]
            assert cells == [[r["analogy"] for r in rows], [r["verdict"] for r in rows]], source
        if "Key equations" in titles:
            slide = folded[titles.index("Key equations")][0]
            alts = [s._element.nvPicPr.cNvPr.get("descr") for s in slide.shapes if isinstance(s, Picture)]
            # Read aloud: words and symbols, no TeX command (the TeX is in the notes).
            assert alts and all(a.startswith("Equation: ") and "\\" not in a for a in alts), (source, alts)
            notes = slide.notes_slide.notes_text_frame.text
            # The page's TeX, a register quantity ([[q:id|tex]]) as the build writes it in
            written = [re.compile(".+?".join(map(re.escape, QUANTITY.split(tex)))) for tex in equations]
            assert sum(bool(w.search(notes)) for w in written) == len(alts), source
        for number, slide in enumerate(deck.slides, start=1):
            for shape in slide.shapes:
                runs = [r for p in shape.text_frame.paragraphs for r in p.runs] if shape.has_text_frame else []
                if shape.has_table:
                    runs = [
                        r
                        for row in shape.table.rows
                        for c in row.cells
                        for p in c.text_frame.paragraphs
                        for r in p.runs
                    ]
                least = 18 if shape.has_table else 20
                if shape != slide.shapes.title:  # set on each run: nothing left to a default
                    assert all(r.font.size and r.font.size.pt >= least for r in runs), f"{source}, slide {number}"
        checked += 1
    assert checked >= 30


def test_every_picture_has_alt_text_and_every_slide_notes(site):
    for source, page_html in content_pages(site):
        for number, slide in enumerate(Presentation(deck_of(page_html)).slides, start=1):
            where = f"{source}, slide {number}"
            assert slide.has_notes_slide, where
            notes = slide.notes_slide.notes_text_frame.text
            assert notes.startswith("Point: ") and len(notes) > 40, where
            # No empty "References:" line, and never a bare BibTeX key (a source the page
            # does not cite is named from the bibliography).
            assert "none cited" not in notes and "References: \n" not in notes + "\n", where
            keys = [k for k in BIB_KEYS if re.search(rf"(?<![\w/.-]){re.escape(k)}(?![\w-])", notes)]
            assert not keys, (where, keys)
            for shape in slide.shapes:
                if isinstance(shape, Picture):
                    assert shape._element.nvPicPr.cNvPr.get("descr", "").strip(), where


def test_notes_carry_the_instructors_misconception(site):
    notes = " ".join(
        s.notes_slide.notes_text_frame.text
        for s in Presentation(deck_of(site / "population-dynamics" / "index.html")).slides
    )
    assert "Misconception to address: " in notes and "inhibition-stabilised network" in notes
    mapping_notes = Presentation(deck_of(site / "terminology" / "index.html")).slides[0].notes_slide
    assert "Both are built on the Greek neuron" in mapping_notes.notes_text_frame.text


def test_instructors_page_lists_every_deck(site):
    page = site / "instructors" / "index.html"
    text = page.read_text(encoding="utf-8")
    table = re.search(r'<div class="slide-decks">\s*(?:<div class="nn-table-scroll"[^>]*>)?<table>(.*?)</table>', text, re.DOTALL)
    assert table
    rows = re.findall(
        r'<tr><td><a href="([^"]+)">[^<]+</a></td><td>(\d+)</td><td>(\d+)</td><td><a href="([^"]+)" download>',
        table[1],
    )
    assert len(rows) == len(content_pages(site))
    for page_link, count, _figures, deck_link in rows:
        deck = (page.parent / deck_link).resolve()
        assert deck.is_file() and (page.parent / page_link / "index.html").is_file()
        assert len(Presentation(deck).slides) == int(count)


def test_formulas_keep_their_indices_and_powers():
    mathml = (
        "<p>Set <math><mrow><msub><mi>E</mi><mtext>L</mtext></msub><mo>=</mo>"
        "<msup><mi>x</mi><mn>2</mn></msup></mrow></math> here.</p>"
    )
    assert slides.rich_text(mathml) == [("Set E", ""), ("L", "sub"), (" = x", ""), ("2", "sup"), (" here.", "")]


def test_mathtext_lines():
    assert slides.mathtext_lines(r"\begin{aligned} a &= b,\\ c &\le d \end{aligned}") == ["a = b,", r"c \leq d"]
    assert slides.mathtext_lines(r"J = \begin{pmatrix} 1 & 0 \end{pmatrix}") is None
    assert slides.mathtext_lines(r"\big(x\big) \ge \tfrac{1}{2}") == [r"(x) \geq \frac{1}{2}"]
    assert slides.render_equation(r"\frac{a}{b}").startswith(b"\x89PNG")
    assert slides.render_equation(r"\frac{a}") is None  # mathtext cannot parse it: left out


def test_questions_leave_out_the_solutions():
    page = (
        '<h2 id="exercises">Exercises</h2>\n<ol>\n<li><p>Why <em>this</em>?</p>\n'
        '<details class="success"><summary>Solution</summary><p>Because.</p></details></li>\n'
        '<li><p>And that?</p></li>\n</ol>\n<h2 id="references">References</h2><ol><li>x</li></ol>'
    )
    assert [slides.plain(q) for q in slides.questions(page)] == ["Why this?", "And that?"]
    assert slides.questions("<h2 id='other'>x</h2>") == []


def test_a_deck_is_made_once_then_copied_from_the_cache(site, tmp_path, monkeypatch):
    source, page_html = next(p for p in content_pages(site) if p[0] == "integrate-and-fire.md")
    text = page_html.read_text(encoding="utf-8")
    dest = f"{Path(source).stem}/index.html"
    from nn_site.publish import versions

    release = versions.resolve("Site", "Author", {"release": "0.1.0", "date_released": "2026-01-01"}, None, {})
    deck = slides.gather(
        text,
        source,
        dest,
        "Integrate-and-fire",
        "The point.",
        slides.display_equations((DOCS / source).read_text(encoding="utf-8")),
        LEDGER_ROWS,
        {},
        release,
    )
    out = tmp_path / "site"
    for fig in deck.figures:  # the figures as the build leaves them
        for path in (fig.light, fig.png):
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes((site / path).read_bytes())
    cache = tmp_path / "decks"
    first = slides.write(deck, out, cache)
    made = (out / deck.file).read_bytes()
    monkeypatch.setattr(slides, "build", lambda *a: pytest.fail("a cached deck was made again"))
    (out / deck.file).unlink()
    assert slides.write(deck, out, cache) == first
    assert (out / deck.file).read_bytes() == made
    assert posixpath.basename(deck.file) == "integrate-and-fire-slides.pptx"


# --- the decks' PDFs on the release, and the deck cache across addresses ----------------


def test_the_release_pdf_links_name_what_make_slides_pdf_writes():
    # make slides-pdf converts every site/**/<page>-slides.pptx with LibreOffice into
    # dist/slides/, which keeps each name and changes the suffix; the links use that name.
    makefile = (ROOT / "Makefile").read_text()
    target = re.search(r"^slides-pdf:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target, "Makefile: no slides-pdf target"
    assert re.search(r"soffice --headless --convert-to pdf --outdir dist/slides .*'\*-slides\.pptx'", target[1])
    assert slides.pdf_name("integrate-and-fire/integrate-and-fire-slides.pptx") == "integrate-and-fire-slides.pdf"
    assert slides.pdf_name(slides.deck_file("mapping.md", "mapping/index.html")) == "mapping-slides.pdf"
    repo = "https://github.com/me/nn"
    assert slides.release_downloads(repo + "/", "0.3.1") == f"{repo}/releases/download/v0.3.1/"
    assert slides.release_downloads(None, "0.3.1") is None
    assert slides.release_downloads("https://gitlab.com/me/nn", "0.3.1") is None  # no workflow attaches there
    # LibreOffice writes every PDF into one folder: two decks of one name would overwrite.
    names = [slides.pdf_name(slides.deck_file(p.name, f"{p.stem}/index.html")) for p in DOCS.rglob("*.md")]
    assert len(names) == len(set(names))


def test_the_release_workflow_makes_and_attaches_the_deck_pdfs():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    book_job = text[text.index("\n  book:"):]
    assert "libreoffice-impress" in book_job and "NN_RELEASE=1 make slides-pdf" in book_job
    attach = re.search(r"release\.py --attach (.+)", book_job)
    assert attach and "dist/slides/*-slides.pdf" in attach[1].split()


def test_attach_refuses_a_missing_pdf_by_name(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("release_script", ROOT / "scripts" / "release.py")
    release_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(release_script)
    env = {"GITHUB_REPOSITORY": "me/nn", "GITHUB_REF_NAME": "v0.1.0", "GITHUB_TOKEN": "t"}
    with pytest.raises(release_script.ReleaseRefused, match="make slides-pdf"):
        release_script.attach(tmp_path / "mapping-slides.pdf", env)


def test_table_links_each_deck_pdf_on_the_release():
    release = versions.resolve("Site", "Author", {"release": "0.1.0", "date_released": "2026-01-01"}, None, {})
    deck = slides.gather(EXERCISE_PAGE, "mapping.md", "mapping/index.html", "Mapping", "Point.", [], [], {}, release)
    downloads = slides.release_downloads("https://github.com/me/nn", "0.1.0")
    table = slides.table_html([deck], {"mapping.md": {"slides": 2}}, "instructors/index.html", downloads)
    assert '<a href="https://github.com/me/nn/releases/download/v0.1.0/mapping-slides.pdf">' in table
    assert '<a href="../mapping/mapping-slides.pptx" download>' in table
    assert "releases/download" not in slides.table_html([deck], {"mapping.md": {"slides": 2}}, "x/index.html")


EXERCISE_PAGE = '<h1>Mapping</h1><p>Point.</p><h2 id="exercises">Exercises</h2>\n<ol>\n<li><p>Why?</p></li>\n</ol>'


def test_a_deck_of_another_address_is_not_taken_from_the_cache(tmp_path):
    # A deck shows its page's versioned address (title slide, citation, figure credits):
    # a build for another root, or another version folder (mike), makes its own deck.
    meta = {"release": "0.2.0", "date_released": "2026-01-01"}

    def deck(root, environ):
        release = versions.resolve("Site", "Author", meta, root, environ)
        return slides.gather(EXERCISE_PAGE, "mapping.md", "mapping/index.html", "Mapping", "P.", [], [], {}, release)

    a = deck("https://a.github.io/nn/", {})
    again = deck("https://a.github.io/nn/", {})
    other_root = deck("https://b.github.io/nn/", {})
    other_folder = deck("https://a.github.io/nn/dev/", {versions.MIKE_ENV: "dev"})
    unpublished = deck(None, {})
    assert a.url == "https://a.github.io/nn/0.2.0/mapping/" and other_folder.url == "https://a.github.io/nn/dev/mapping/"
    keys = [slides.deck_key(d, tmp_path) for d in (a, other_root, other_folder, unpublished)]
    assert len(set(keys)) == 4 and slides.deck_key(again, tmp_path) == keys[0]
    cache = tmp_path / "decks"
    slides.write(a, tmp_path, cache)
    slides.write(other_folder, tmp_path, cache)
    assert "https://a.github.io/nn/dev/mapping/" in " ".join(
        s.text for s in Presentation(tmp_path / other_folder.file).slides[0].shapes if s.has_text_frame
    )


@pytest.mark.slow
def test_published_pages_link_their_deck_pdf_on_the_release(published_site):
    from conftest import REPO_URL

    site, _root = published_site
    version = re.search(r"^  release: *(\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    downloads = f"{REPO_URL}/releases/download/v{version}/"
    for source, page_html in content_pages(site):
        text = page_html.read_text(encoding="utf-8")
        link = re.search(r'<p class="slides-download">.*? · <a href="([^"]+)">PDF</a>', text)
        assert link and link[1] == downloads + f"{page_html.parent.name}-slides.pdf", source
    table = (site / "instructors" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(re.escape(downloads) + r"[a-z0-9-]+-slides\.pdf", table)) == len(content_pages(site))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_writes_a_deck_pdf_under_the_name_the_links_give(site, tmp_path):
    # make slides-pdf's own conversion, on one deck: one PDF, named as the links say, a page a slide.
    from pypdf import PdfReader

    deck = deck_of(site / "mapping" / "index.html")
    out = tmp_path / "slides"
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"  # not the user's own profile
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(deck)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    assert [p.name for p in out.iterdir()] == [slides.pdf_name("mapping/mapping-slides.pptx")]
    assert len(PdfReader(out / "mapping-slides.pdf").pages) == len(Presentation(deck).slides)
def test_discussion_notes_carry_the_worked_solutions_and_figure_notes_a_talking_point(site):
    page_html = site / "integrate-and-fire" / "index.html"
    solved = slides.solutions(page_html.read_text(encoding="utf-8"))
    assert solved and all(solved), solved
    deck = Presentation(deck_of(page_html))
    notes = " ".join(
        s.notes_slide.notes_text_frame.text for s in deck.slides if slide_title(s).startswith("Discussion questions")
    )
    for n, solution in enumerate(solved, start=1):
        assert f"Question {n}: {solution[:60]}" in notes
    figure_notes = deck.slides[1].notes_slide.notes_text_frame.text
    point = figure_notes.split("\n\n")[0].removeprefix("Point: ")
    assert point.count(". ") == 0 and point.endswith("."), point  # one sentence


def test_a_deck_points_the_table_at_the_page(site):
    deck = Presentation(deck_of(site / "predictive-coding" / "index.html"))
    text = " ".join(body_text(s) for s in deck.slides)
    assert "the table on the page" in text.lower()
    assert not re.search(r"\bthe table\b(?! on the page)", text, re.IGNORECASE), text


def test_short_titles_and_spoken_equations():
    assert slides.short_title("Left: the rate of a neuron, against its input.") == "The rate of a neuron"
    assert slides.short_title("Steady voltage along dendrites 0.5, 1 and 2 mm long") == (
        "Steady voltage along dendrites 0.5, 1 and 2 mm long"
    )
    long = slides.short_title("A " + "very " * 20 + "long title")
    assert len(long) <= slides.SHORT_TITLE and long.endswith("…")
    assert slides.spoken(r"\tau_m \frac{dV}{dt} = -(V - E_L), \quad V \ge \theta") == (
        "Equation: τ_m (dV)/(dt) = -(V - E_L), V ≥ θ"
    )
    assert slides.spoken(r"P = \frac{1}{1 + e^{-2\mu a/\sigma^2}}, \quad I = \frac{20\,\text{mV}}{10\,\text{M}\Omega}") == (
        "Equation: P = (1)/(1 + e^(-2μ a/σ^2)), I = (20 mV)/(10 MΩ)"
    )
    assert slides.page_table([("Read the table; the table's range", "")]) == [
        ("Read the table on the page; the page's table's range", "")
    ]
    assert slides._pack([1, 2, 3, 1, 1], 3) == [[0, 1], [2], [3, 4]]
    assert slides._pack([1] * 7, 6) == [[0, 1, 2, 3], [4, 5, 6]]  # even, not 6 + 1


def test_a_deck_is_dated_by_its_release_not_by_the_clock(tmp_path):
    # Two builds of the site must be byte-identical: every zip member and the document's
    # created/modified dates are the release's date, whenever the deck is made.
    import zipfile

    import pptx

    release = versions.resolve("Site", "Author", {"release": "0.1.0", "date_released": "2026-01-02"}, None, {})
    deck = slides.gather(EXERCISE_PAGE, "mapping.md", "mapping/index.html", "Mapping", "Point.", [], [], {}, release)
    data = slides.build(deck, tmp_path, [])
    with zipfile.ZipFile(io.BytesIO(data)) as members:
        assert {member.date_time for member in members.infolist()} == {(2026, 1, 2, 0, 0, 0)}
    properties = pptx.Presentation(io.BytesIO(data)).core_properties
    assert properties.created.date().isoformat() == properties.modified.date().isoformat() == "2026-01-02"


# --- the dark copy of each deck (issue 33: light by default, for projectors) -------------


def dark_deck_of(page_html: Path) -> Path:
    return page_html.parent / f"{page_html.parent.name}-slides-dark.pptx"


def text_runs(slide) -> list:
    """Every run of the slide's text boxes and tables (not its title: a title's colour is
    its paragraphs')."""
    runs = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape != slide.shapes.title:
            runs += [r for p in shape.text_frame.paragraphs for r in p.runs]
        if shape.has_table:
            runs += [r for row in shape.table.rows for c in row.cells for p in c.text_frame.paragraphs for r in p.runs]
    return runs


def test_every_deck_has_a_dark_copy_linked_beside_it(site):
    from pptx.dml.color import RGBColor

    instructors = site / "instructors" / "index.html"
    table = instructors.read_text(encoding="utf-8")
    for source, page_html in content_pages(site):
        text = page_html.read_text(encoding="utf-8")
        beside = r'<p class="slides-download"><a [^>]+>Slides \(\.pptx\)</a> \(<a href="([^"]+)" download>dark</a>\)'
        link = re.search(beside, text)
        assert link and (page_html.parent / link[1]).resolve() == dark_deck_of(page_html).resolve(), source
        listed = posixpath.relpath(dark_deck_of(page_html), instructors.parent)
        assert f'(<a href="{listed}" download>dark</a>)' in table, source
        light, dark = Presentation(deck_of(page_html)), Presentation(dark_deck_of(page_html))
        # The same slides, titles and notes: only the colours and the figures' copies differ.
        assert [slide_title(s) for s in dark.slides] == [slide_title(s) for s in light.slides], source
        assert [s.notes_slide.notes_text_frame.text for s in dark.slides] == [
            s.notes_slide.notes_text_frame.text for s in light.slides
        ], source
        figures = gallery.collect(text, source, "", f"{Path(source).stem}/index.html")
        for fig, (slide, _more) in zip(figures, without_continuations(dark)[1 : 1 + len(figures)], strict=True):
            picture = next(p for p in slide.shapes if isinstance(p, Picture))
            assert picture.image.blob == (site / fig.png_dark).read_bytes(), (source, fig.anchor)
        for number, slide in enumerate(dark.slides, start=1):
            where = f"{source}, dark slide {number}"
            assert slide.background.fill.fore_color.rgb == RGBColor.from_string(slides.DARK.background), where
            colours = {p.font.color.rgb for p in slide.shapes.title.text_frame.paragraphs}
            colours |= {r.font.color.rgb for r in text_runs(slide)}
            assert colours == {RGBColor.from_string(slides.DARK.text)}, where
    # The light deck keeps the template's colours: no background of its own.
    light = Presentation(deck_of(site / "mapping" / "index.html"))
    assert all(s.background._cSld.bg is None for s in light.slides)


def test_a_dark_deck_draws_its_equations_light_on_a_transparent_background(site):
    import numpy as np
    from PIL import Image

    dark = Presentation(dark_deck_of(site / "population-dynamics" / "index.html"))
    slide = next(s for s in dark.slides if slide_title(s) == "Key equations")
    pictures = [p for p in slide.shapes if isinstance(p, Picture)]
    assert pictures
    for picture in pictures:
        with Image.open(io.BytesIO(picture.image.blob)) as image:
            pixels = np.asarray(image.convert("RGBA"), dtype=int)
        assert pixels[0, 0, 3] == 0  # the slide's colour shows through
        ink = pixels[pixels[..., 3] > 200]
        assert len(ink) and ink[:, :3].sum(axis=1).min() > 600  # light ink, never black on dark
    assert slides.render_equation(r"\frac{a}{b}") != slides.render_equation(r"\frac{a}{b}", slides.DARK.text)


def test_an_equation_written_in_lines_for_phones_is_drawn_in_lines_on_a_slide():
    """A page writes an equation too wide for a phone as a whole ``split`` or ``gather``
    (nn_site/pages/mathml.py); mathtext has neither, and such equations were left off their
    decks (13 of them) until the rows were drawn one per line, as ``aligned`` ones are; and
    mathtext reads TeX's ``\\frac14`` only with braces."""
    assert slides.mathtext_lines("\\tfrac14 x") == ["\\frac{1}{4} x"]
    assert slides.mathtext_lines("\\begin{split}\n a &= b + c \\\\\n &\\quad + d\n\\end{split}") == [
        "a = b + c",
        "\\quad + d",
    ]
    assert slides.mathtext_lines("\\begin{gather}\n x = 1 \\\\\n y = 2\n\\end{gather}") == ["x = 1", "y = 2"]
    written_in_lines = [
        (page.name, tex)
        for page in sorted(DOCS.glob("*.md"))
        for tex in slides.display_equations(page.read_text(encoding="utf-8"))
        if re.match(r"\s*\\begin\{(split|gather\*?)\}", tex) and "\\begin{cases}" not in tex
    ]
    assert len(written_in_lines) >= 10  # the phone forms of the wide equations
    left_off = [(name, tex[:60]) for name, tex in written_in_lines if slides.render_equation(tex) is None]
    assert not left_off, left_off


def test_a_norm_is_drawn_on_a_slide():
    """mathtext has no \\lVert/\\rVert: two key equations (the predictive-coding energy,
    the sparse-coding objective) were left off their decks until the bars became \\Vert."""
    assert slides.mathtext_lines("F = \\lVert \\mathbf{e} \\rVert^2") == ["F = \\Vert \\mathbf{e} \\Vert^2"]
    objective = "E = \\tfrac12 \\lVert \\mathbf{x} - D\\mathbf{a} \\rVert^2 + \\lambda \\lVert \\mathbf{a} \\rVert_1"
    assert slides.render_equation(objective) is not None
