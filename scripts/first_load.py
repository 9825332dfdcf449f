"""First-load weight of a page: the WASM, JS and CSS it references, raw and as served to a
browser that accepts brotli, against a budget of brotli bytes.

Usage: first_load.py PAGE_URL BUDGET_BYTES  (exits 1 over the budget)
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


def main() -> int:
    page_url, budget = sys.argv[1], int(sys.argv[2])
    total_raw = total_br = 0
    print(f"{'asset':<60} {'raw':>10} {'brotli':>10}")
    for url in assets(page_url):
        raw, _ = fetch(url, "identity")
        served, encoding = fetch(url, "br")
        total_raw += raw
        total_br += served
        note = "" if encoding == "br" else f"  (served {encoding})"
        print(f"{urllib.parse.urlparse(url).path:<60} {raw:>10,} {served:>10,}{note}")
    verdict = "within" if total_br <= budget else "OVER"
    print(f"{'total':<60} {total_raw:>10,} {total_br:>10,}")
    print(f"brotli total {total_br / 1024:.1f} KB: {verdict} the budget of {budget / 1024:.0f} KB")
    return 0 if total_br <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
