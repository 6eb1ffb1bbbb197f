"""Screenshot a page of a running Crossings app in headless Chromium, with no network.

    python scripts/screenshot.py URL OUT.png [--width 1440 --height 1000] [--full-page]

Prints exceptions shown on the page, console errors and any request that tried to leave
the machine (all are blocked).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from devtools.browser import launch_chromium, offline_page, wait_until_rendered


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--wait-ms", type=int, default=1500)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page, record = offline_page(browser, args.url, args.width, args.height)
        page.goto(args.url)
        wait_until_rendered(page, extra_ms=args.wait_ms)
        page.screenshot(path=args.out, full_page=args.full_page)
        exceptions = page.locator("[data-testid='stException']").count()
        browser.close()
    print(f"saved {args.out}; exceptions: {exceptions}; console errors: {len(record.console_errors)}; "
          f"blocked requests: {len(record.blocked)}; bytes received: {record.bytes_received:,}")
    for line in record.console_errors[:10]:
        print("  console:", line[:200])
    for url in record.blocked[:10]:
        print("  blocked:", url)
    for line in record.http_errors[:10]:
        print("  http:", line)
    return 1 if exceptions or record.console_errors or record.blocked or record.http_errors else 0


if __name__ == "__main__":
    sys.exit(main())
