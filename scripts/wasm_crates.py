"""What a WASM module's code is made of: function-body bytes per Rust crate, and per method
(`hydrate`, `rebuild`, closures…), read from its name section.

Point it at cargo's output before wasm-bindgen and wasm-opt
(`target/wasm32-unknown-unknown/wasm-release/frontend.wasm`): the served file has no names.
The wasm-bindgen glue counted here is stripped later. Figures are before wasm-opt, so they
tell shares, not served bytes.

Usage: wasm_crates.py MODULE.wasm [ROWS]
"""

import collections
import re
import sys


def leb128(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 integer at `at`, and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def name(data: bytes, at: int) -> tuple[str, int]:
    length, at = leb128(data, at)
    return data[at : at + length].decode("utf-8", "replace"), at + length


def skip_limits(data: bytes, at: int) -> int:
    flags, at = leb128(data, at)
    _, at = leb128(data, at)
    return leb128(data, at)[1] if flags & 1 else at


def functions(data: bytes) -> list[tuple[int, str]]:
    """(body size, symbol) of every defined function."""
    at, imported, sizes, names = 8, 0, [], {}
    while at < len(data):
        section = data[at]
        size, at = leb128(data, at + 1)
        end = at + size
        if section == 2:  # imports: function indices start after the imported ones
            count, j = leb128(data, at)
            for _ in range(count):
                _, j = name(data, j)
                _, j = name(data, j)
                kind, j = data[j], j + 1
                if kind == 0:
                    imported += 1
                    j = leb128(data, j)[1]
                elif kind == 1:  # table: element type, limits
                    j = skip_limits(data, j + 1)
                elif kind == 2:  # memory
                    j = skip_limits(data, j)
                else:  # global: value type, mutability
                    j += 2
        elif section == 10:  # code
            count, j = leb128(data, at)
            for _ in range(count):
                body, k = leb128(data, j)
                sizes.append(body + k - j)
                j = k + body
        elif section == 0:
            custom, j = name(data, at)
            while custom == "name" and j < end:
                kind, j = data[j], j + 1
                length, j = leb128(data, j)
                if kind == 1:  # function names
                    count, k = leb128(data, j)
                    for _ in range(count):
                        index, k = leb128(data, k)
                        names[index], k = name(data, k)
                j += length
        at = end
    return [(size, names.get(i + imported, "?")) for i, size in enumerate(sizes)]


def segments(symbol: str) -> list[str]:
    """The path segments of a legacy-mangled Rust symbol (`_ZN4core3fmt5write17h…E`)."""
    rest, parts = symbol[3:], []
    while rest[:1].isdigit():
        digits = re.match(r"\d+", rest).group()
        length = int(digits)
        parts.append(rest[len(digits) : len(digits) + length])
        rest = rest[len(digits) + length :]
    return parts


def crate(symbol: str) -> str:
    if symbol.startswith(("__wbg", "__wbindgen")):
        return "(wasm-bindgen glue)"
    parts = segments(symbol) if symbol.startswith("_ZN") else []
    if not parts:
        return "(other)"
    if parts[:2] == ["core", "ptr"] and len(parts) > 2 and "drop_in_place" in parts[2]:
        return "(drop glue)"
    # `<Type as Trait>::method`: count it for the type's crate.
    first = re.sub(r"^(_?\$LT\$|\$RF\$|mut\$u20\$|impl\$u20\$|dyn\$u20\$)+", "", parts[0])
    found = re.match(r"[A-Za-z_][A-Za-z0-9_]*", first)
    if not found:
        return "(other)"
    # `<T as …>`: a blanket impl, whose crate the symbol does not say.
    return "(blanket impls)" if re.fullmatch(r"[A-Z]{1,3}", found.group()) else found.group()


def method(symbol: str) -> str:
    parts = segments(symbol) if symbol.startswith("_ZN") else []
    if len(parts) < 2:
        return "(unnamed)"
    return "{{closure}}" if "closure" in parts[-2] else parts[-2]


def main() -> None:
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    code = functions(open(path, "rb").read())
    total = sum(size for size, _ in code)
    print(f"{path}: {total:,} bytes of code in {len(code):,} functions")
    for title, key in (("crate", crate), ("method", method)):
        counts = collections.Counter()
        for size, symbol in code:
            counts[key(symbol)] += size
        print(f"{'bytes':>12}  share  {title}")
        for label, size in counts.most_common(rows):
            print(f"{size:>12,} {100 * size / total:5.1f}%  {label}")


if __name__ == "__main__":
    main()
