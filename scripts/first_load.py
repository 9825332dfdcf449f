"""First-load weight of pages: the WASM, JS and CSS each references (the public bundle's
pages name their chunks in `<link rel="preload">`), raw and as served to a browser that
accepts brotli, against a budget of brotli bytes.

Usage: first_load.py BUDGET_BYTES PAGE_URL...
Prints each page's assets, then a line per page; exits 1 if a page is over the budget.
"""

import re
import sys
import urllib.parse
import urllib.request


def fetch(url: str, encoding: str) -> tuple[int, str]:
    """Bytes on the wire for `url` with this Accept-Encoding, and the encoding served."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return len(response.read()), response.headers.get("Content-Encoding", "identity")


def assets(page_url: str) -> list[str]:
    """The page's stylesheets, scripts and WASM, in order of appearance, once each, with the
    modules its scripts import statically (the split bundle's loader, wasm-bindgen snippets)."""
    with urllib.request.urlopen(page_url) as response:
        html = response.read().decode()
    found = re.findall(r"""["'](/[^"'?#]+\.(?:css|js|wasm))["']""", html)
    urls = list(dict.fromkeys(urllib.parse.urljoin(page_url, path) for path in found))
    for url in urls:  # grows while walked: imports of imports
        if url.endswith(".js"):
            with urllib.request.urlopen(url) as response:
                script = response.read().decode()
            for path in re.findall(r"""\bimport\b[^;'"]*?\bfrom\s*["']([^"']+)["']""", script):
                imported = urllib.parse.urljoin(url, path)
                if imported not in urls:
                    urls.append(imported)
    return urls


def weigh(page_url: str) -> tuple[int, int, int]:
    """Prints the page's assets; returns their count and their total raw and brotli bytes."""
    total_raw = total_br = 0
    urls = assets(page_url)
    print(f"{urllib.parse.urlparse(page_url).path:<60} {'raw':>10} {'brotli':>10}")
    for url in urls:
        raw, _ = fetch(url, "identity")
        served, encoding = fetch(url, "br")
        total_raw += raw
        total_br += served
        note = "" if encoding == "br" else f"  (served {encoding})"
        print(f"  {urllib.parse.urlparse(url).path:<58} {raw:>10,} {served:>10,}{note}")
    print(f"  {'total':<58} {total_raw:>10,} {total_br:>10,}")
    return len(urls), total_raw, total_br


def main() -> int:
    budget, pages = int(sys.argv[1]), sys.argv[2:]
    weights = [(page, *weigh(page)) for page in pages]
    print(f"\n{'page':<40} {'files':>5} {'raw':>10} {'brotli':>10} {'KB':>6}  budget {budget / 1024:.0f} KB")
    over = 0
    for page, files, raw, br in weights:
        verdict = "within" if br <= budget else "OVER"
        over += br > budget
        path = urllib.parse.urlparse(page).path
        print(f"{path:<40} {files:>5} {raw:>10,} {br:>10,} {br / 1024:>6.1f}  {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
