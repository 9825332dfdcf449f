"""What a WASM module's code is made of: function-body bytes per Rust crate, and per method
(`hydrate`, `rebuild`, closures…), read from its name section.

Symbols may be legacy-mangled (`_ZN…`) or v0-mangled (`_R…`, the nightly's).
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


class V0:
    """Crate and last name of a v0-mangled Rust symbol (`_RNvNtCs…_4core3fmt5write`, as the
    nightly that builds the WASM mangles), after the grammar of rustc's symbol-mangling RFC
    2603. `path()` gives (crate, name) of the symbol's path: for `<T as Trait>::f`, T's crate;
    a closure's name is `{closure}`."""

    def __init__(self, symbol: str):
        self.s, self.at = symbol[2:], 0  # back-references count from after `_R`

    def peek(self) -> str:
        return self.s[self.at]

    def take(self) -> str:
        self.at += 1
        return self.s[self.at - 1]  # IndexError past the end: not a symbol we read

    def base62(self) -> int:
        """`_` is 0, `0_` is 1, `Z_` 62, `10_` 63."""
        digits = ""
        while self.peek() != "_":
            digits += self.take()
        self.take()
        if not digits:
            return 0
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        value = 0
        for d in digits:
            value = value * 62 + alphabet.index(d)
        return value + 1

    def skip_numbered(self, tag: str) -> None:
        """Skips an optional `<tag><base-62 number>`: a disambiguator (`s`), a binder (`G`),
        a lifetime (`L`), none of which names a crate."""
        if self.peek() == tag:
            self.take()
            self.base62()

    def ident(self) -> str:
        self.skip_numbered("s")
        if self.peek() == "u":
            self.take()
        length = re.match(r"0|[1-9][0-9]*", self.s[self.at :]).group()  # no leading zero
        self.at += len(length)
        if self.peek() == "_":
            self.take()
        name = self.s[self.at : self.at + int(length)]
        self.at += int(length)
        return name

    def at_backref(self, parse):
        """What `parse` reads where a back-reference points (an offset after `_R`)."""
        position = self.base62()
        saved, self.at = self.at, position
        result = parse()
        self.at = saved
        return result

    def path(self) -> tuple[str, str]:
        tag = self.take()
        if tag == "C":
            name = self.ident()
            return name, name
        if tag == "N":
            namespace = self.take()
            crate_name, _ = self.path()
            name = self.ident()
            return crate_name, "{closure}" if namespace == "C" else name
        if tag == "M":
            self.impl_path()
            return self.type() or ("?", "?")
        if tag == "X":
            impl_crate = self.impl_path()
            of_type = self.type()
            _, trait_name = self.path()
            return (of_type[0] if of_type else impl_crate), trait_name
        if tag == "Y":
            of_type = self.type()
            trait_crate, trait_name = self.path()
            return (of_type[0] if of_type else trait_crate), trait_name
        if tag == "I":
            found = self.path()
            while self.peek() != "E":
                self.generic_arg()
            self.take()
            return found
        if tag == "B":
            return self.at_backref(self.path)
        raise ValueError(tag)

    def impl_path(self) -> str:
        self.skip_numbered("s")
        return self.path()[0]

    def generic_arg(self) -> None:
        if self.peek() == "L":
            self.skip_numbered("L")
        elif self.peek() == "K":
            self.take()
            self.const()
        else:
            self.type()

    def const(self) -> None:
        if self.peek() == "p":
            self.take()
        elif self.peek() == "B":
            self.take()
            self.base62()
        else:
            self.type()
            if self.peek() == "n":
                self.take()
            while self.take() != "_":
                pass

    def type(self):
        """(crate, name) when the type is a path, else None."""
        tag = self.peek()
        if tag in "abcdefhijlmnostuvxyz" or tag == "p":
            self.take()
            return None
        if tag in "CMXYNI":
            return self.path()
        self.take()
        if tag == "B":
            return self.at_backref(self.type)
        if tag in "AS":
            found = self.type()
            if tag == "A":
                self.const()
            return found
        if tag in "RQ":
            self.skip_numbered("L")
            return self.type()
        if tag in "PO":
            return self.type()
        if tag == "T":
            while self.peek() != "E":
                self.type()
            self.take()
            return None
        if tag == "F":
            self.skip_numbered("G")
            if self.peek() == "U":
                self.take()
            if self.peek() == "K":
                self.take()
                if self.peek() == "C":
                    self.take()
                else:
                    self.ident()
            while self.peek() != "E":
                self.type()
            self.take()
            self.type()
            return None
        if tag == "D":
            self.skip_numbered("G")
            found = None
            while self.peek() != "E":
                trait_path = self.path()
                found = found or trait_path
                while self.peek() == "p":
                    self.take()
                    self.ident()
                    self.type()
            self.take()
            self.skip_numbered("L")
            return found
        raise ValueError(tag)


def v0(symbol: str) -> tuple[str, str] | None:
    try:
        return V0(symbol).path()
    except (ValueError, IndexError, AttributeError):
        return None


def crate(symbol: str) -> str:
    if symbol.startswith(("__wbg", "__wbindgen")):
        return "(wasm-bindgen glue)"
    if symbol.startswith("_R"):
        found = v0(symbol)
        if found and found[0] == "core" and found[1] in ("drop_in_place", "drop_glue"):
            return "(drop glue)"
        return found[0] if found else "(other)"
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
    if symbol.startswith("_R"):
        found = v0(symbol)
        return found[1].lstrip("_") if found else "(unnamed)"
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
