"""Long tasks while a page loads and is scrolled through, CPU throttled 4x (`make long-tasks`).

    python scripts/long_tasks.py                  # the pages make bench measures (lighthouse.py)
    python scripts/long_tasks.py hodgkin-huxley/ --detail  # + where layout is forced, by whom

Each page is opened in headless Chromium at a phone's size (Lighthouse's mobile screen,
412 x 823) with the CPU slowed 4x through the DevTools protocol, served compressed as
GitHub Pages serves it (scripts/lighthouse.py's server); once loaded, the page is scrolled
to its end a screen at a time. A Chromium trace of the whole visit gives, per page: the
longest main-thread task while loading and while scrolling (issue 34's goal: none over
200 ms while scrolling), the number of layouts and of style recalculations and the most
elements one recalculation touched, and how many layouts a script forced (a script that
reads a size after a change makes the browser lay the page out at once). With --detail,
the scripts that forced layout, by function and source line, with the time they took.

Timings depend on the machine's load: compare two versions of the site in interleaved
runs; the counts (layouts, elements, DOM size) do not depend on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import lighthouse

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 412, "height": 823}
THROTTLE = 4
GOAL_MS = 200
CATEGORIES = ",".join(
    [
        "blink.user_timing",  # the scroll-start mark
        "devtools.timeline",  # tasks, layouts, style recalculations
        "disabled-by-default-devtools.timeline",
        "disabled-by-default-devtools.timeline.stack",  # the script that forced a layout
    ]
)


def trace_visit(browser, url: str) -> tuple[list[dict], int]:
    """The trace events of loading ``url`` and scrolling it to its end (a user-timing mark,
    ``scroll-start``, between the two), and the page's element count."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    events: list[dict] = []
    cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # what runs after load (the theme's setup, idle callbacks)
    page.evaluate("performance.mark('scroll-start')")
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, PHONE["height"] // 2):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(120)
    page.wait_for_timeout(800)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    done = []
    cdp.on("Tracing.tracingComplete", lambda _message: done.append(True))
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(50)
    context.close()
    return events, elements


def scroll_mark(events: list[dict]) -> dict:
    """The ``scroll-start`` mark: its thread is the page's main thread (the trace also holds
    the browser's own pages and processes), its time the end of loading."""
    for event in events:
        if event.get("name") == "scroll-start" and "blink.user_timing" in event.get("cat", ""):
            return event
    raise RuntimeError("the trace has no scroll-start mark: was blink.user_timing traced?")


def frame_of(event: dict) -> str:
    """The script frame that forced a layout or style recalculation ("" if none did):
    function, file, line and column (the trace counts both from 1)."""
    stack = (event.get("args", {}).get("beginData") or {}).get("stackTrace") or []
    for frame in stack:
        name = frame.get("functionName") or "(anonymous)"
        url = frame.get("url", "").rsplit("/", 1)[-1]
        return f"{name} {url}:{frame.get('lineNumber', 0)}:{frame.get('columnNumber', 0)}"
    return ""


def summary(events: list[dict]) -> dict:
    mark = scroll_mark(events)
    thread, scroll_start = (mark["pid"], mark["tid"]), mark["ts"]
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X"]
    tasks = [e for e in mine if e["name"] == "RunTask"]
    load = [e["dur"] / 1000 for e in tasks if e["ts"] < scroll_start]
    scroll = [e["dur"] / 1000 for e in tasks if e["ts"] >= scroll_start]
    layouts = [e for e in mine if e["name"] == "Layout"]
    recalcs = [e for e in mine if e["name"] in ("UpdateLayoutTree", "RecalculateStyles")]
    forced = [e for e in layouts + recalcs if frame_of(e)]
    by_frame: Counter = Counter()
    time_by_frame: Counter = Counter()
    for e in forced:
        by_frame[frame_of(e)] += 1
        time_by_frame[frame_of(e)] += e.get("dur", 0) / 1000
    objects = [(e["args"].get("beginData") or {}).get("totalObjects", 0) for e in layouts]
    return {
        "longest_load_ms": max(load, default=0),
        "longest_scroll_ms": max(scroll, default=0),
        "blocking_load_ms": sum(d - 50 for d in load if d > 50),
        "layouts": len(layouts),
        "layout_ms": sum(e.get("dur", 0) for e in layouts) / 1000,
        "max_layout_objects": max(objects, default=0),
        "recalcs": len(recalcs),
        "recalc_ms": sum(e.get("dur", 0) for e in recalcs) / 1000,
        "max_recalc_elements": max(((e["args"].get("elementCount") or 0) for e in recalcs), default=0),
        "forced": len(forced),
        "forced_by": [(f, n, time_by_frame[f]) for f, n in by_frame.most_common(12)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--detail", action="store_true", help="which scripts forced layout")
    parser.add_argument("--save", type=Path, help="write each page's trace (JSON) into this folder")
    parser.add_argument("pages", nargs="*", help="URL paths (e.g. ledger/); default: the representative set")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        sys.exit(f"{args.site}/index.html not found: build the site first (make build)")
    from playwright.sync_api import sync_playwright

    base = lighthouse.serve(args.site)
    pages = args.pages or lighthouse.representative_pages(args.site)
    columns = ["load max", "scroll max", "layouts", "objects", "recalcs", "elements", "forced", "DOM"]
    header = f"{'page':<32} " + " ".join(f"{name:>{max(6, len(name))}}" for name in columns)
    print(
        f"CPU {THROTTLE}x slower, {PHONE['width']} x {PHONE['height']} px; times in ms; goal: scroll max <= {GOAL_MS}"
    )
    print(header)
    worst = 0.0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=lighthouse.CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for path in pages:
            events, dom = trace_visit(browser, base + path)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                name = (path.strip("/") or "home").replace("/", "_")
                (args.save / f"{name}.json").write_text(json.dumps({"traceEvents": events}))
            s = summary(events)
            worst = max(worst, s["longest_scroll_ms"])
            print(
                f"{path or '(home)':<32} {s['longest_load_ms']:>8.0f} {s['longest_scroll_ms']:>10.0f} "
                f"{s['layouts']:>7} {s['max_layout_objects']:>7} {s['recalcs']:>7} {s['max_recalc_elements']:>8} "
                f"{s['forced']:>6} {dom:>6}",
                flush=True,
            )
            if args.detail:
                print(
                    f"    layout {s['layout_ms']:.0f} ms, style {s['recalc_ms']:.0f} ms, "
                    f"blocking while loading {s['blocking_load_ms']:.0f} ms; forced by:"
                )
                for frame, count, ms in s["forced_by"]:
                    print(f"      {count:>4} x {ms:>7.0f} ms  {frame}")
        browser.close()
    print(f"\nlongest task while scrolling: {worst:.0f} ms   goal <= {GOAL_MS}")


if __name__ == "__main__":
    main()
