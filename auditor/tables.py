"""Named data tables: the lists and tables rules match against, which a house pack can extend.

A table is a file under a rules folder, named by its path without the suffix
(``rules/boilerplate/lines.tsv`` is ``boilerplate/lines``):

- ``.tsv``: ``#`` comment lines (the first block is the table's documentation),
  among them ``# columns: a b c`` naming the columns, then one row a line,
  tab-separated (trailing empty cells may be left out).  A ``.tsv`` file without
  a ``# columns:`` line is a detector's private data file, not a table.
- ``.txt``: a list, one value a line (a table with the single column ``value``).
- ``.yaml`` holding a mapping with ``table: NAME``: ``about``, ``columns`` and
  ``rows`` (a list of mappings), for rows that carry lists or examples.

A house folder extends a built-in table by holding a file of the same name: its
rows are added after the built-in ones.  Its columns must be the table's columns
(a TSV header may leave trailing optional columns out); anything else is an error
that names the file (exit 2).  Tables load once per set of rule folders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from auditor.errors import RuleError

Row = Mapping[str, Any]
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's loader when it is installed."""
    return yaml.load(text, Loader=_Loader)


@lru_cache(maxsize=256)
def _parsed(path: str, mtime_ns: int, size: int) -> Any:
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def read_yaml(path: Path) -> Any:
    """A YAML file's data, parsed once per version of the file (the loader and the tables share it)."""
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True, eq=False)
class Table:
    """Rows of one named table, built-in rows first, then those of each house folder in order.

    Compared by identity: a table is built once per load, so compiled forms can be
    cached against it.
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    about: str = ""
    sources: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        return [row.get(name) for row in self.rows]

    def where(self, **values: Any) -> tuple[Row, ...]:
        """Rows whose columns equal the given values."""
        return tuple(row for row in self.rows if all(row.get(k) == v for k, v in values.items()))


@dataclass(frozen=True, slots=True)
class TableRef:
    """A detector option naming a table; the loader replaces it with the ``Table`` itself."""

    name: str


def table(name: str) -> Any:
    """The default of a ``Table`` option: ``options: Table = table("boilerplate/lines")``."""
    return TableRef(name)


class Tables(Mapping[str, Table]):
    """Every table of a set of rule folders, by name."""

    def __init__(self, tables: Mapping[str, Table]) -> None:
        self._tables = dict(tables)

    def __getitem__(self, name: str) -> Table:
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def get_table(self, name: str, *, source: str, rule_id: str | None) -> Table:
        try:
            return self._tables[name]
        except KeyError:
            close = [n for n in self._tables if n.split("/")[-1] == name.split("/")[-1] or n.startswith(name)]
            hint = f" (did you mean {', '.join(sorted(close))}?)" if close else ""
            raise RuleError(source, rule_id, f"no table {name!r}{hint}; 'auditor tables' lists them") from None


def load_tables(dirs: Iterable[Path]) -> Tables:
    return _load(tuple(str(d) for d in dirs))


@lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...]) -> Tables:
    parts: dict[str, list[_Part]] = {}
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            part = _read(path, folder)
            if part is not None:
                parts.setdefault(part.name, []).append(part)
    return Tables({name: _merge(name, found) for name, found in parts.items()})


def clear_cache() -> None:
    _load.cache_clear()


@dataclass(frozen=True, slots=True)
class _Part:
    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    about: str
    source: str


def _merge(name: str, parts: list[_Part]) -> Table:
    first = parts[0]
    rows: list[Row] = list(first.rows)
    for part in parts[1:]:
        extra = [c for c in part.columns if c not in first.columns]
        if extra:
            raise RuleError(
                part.source,
                None,
                f"table {name!r} has no column(s) {', '.join(extra)}; its columns are {', '.join(first.columns)}",
            )
        rows += [MappingProxyType({c: row.get(c, "") for c in first.columns} | dict(row)) for row in part.rows]
    return Table(name, first.columns, tuple(rows), first.about, tuple(p.source for p in parts))


def _read(path: Path, root: Path) -> _Part | None:
    suffix = path.suffix.lower()
    if suffix not in (".tsv", ".txt", ".yaml", ".yml") or not path.is_file():
        return None
    name = path.relative_to(root).with_suffix("").as_posix()
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(source, None, f"cannot read: {exc}") from None
    if suffix == ".txt":
        about, body = _comments(text)
        values = [line.strip() for line in body if line.strip() and not line.lstrip().startswith("#")]
        return _Part(name, ("value",), tuple(MappingProxyType({"value": v}) for v in values), about, source)
    if suffix == ".tsv":
        return _tsv(name, text, source)
    return _yaml(path, source)


def _comments(text: str) -> tuple[str, list[str]]:
    lines = text.splitlines()
    about = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        about.append(lines[i].lstrip("#").strip())
        i += 1
    return "\n".join(about).strip(), lines[i:]


def _tsv(name: str, text: str, source: str) -> _Part | None:
    about, _ = _comments(text)
    header: tuple[str, ...] | None = None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            directive = line.lstrip("#").strip()
            if header is None and directive.startswith("columns:"):
                header = tuple(directive[len("columns:") :].replace(",", " ").split())
                if not header or len(set(header)) != len(header):
                    raise RuleError(source, None, f"line {number}: '# columns:' must name each column once")
            continue
        if not line.strip():
            continue
        if header is None:
            return None
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) > len(header):
            raise RuleError(
                source,
                None,
                f"line {number}: {len(cells)} cells, the table has {len(header)} columns ({', '.join(header)})",
            )
        rows.append(MappingProxyType(dict(zip(header, [*cells, *[""] * (len(header) - len(cells))]))))
    if header is None:
        return None
    return _Part(name, header, tuple(rows), about, source)


def _yaml(path: Path, source: str) -> _Part | None:
    try:
        data = read_yaml(path)
    except yaml.YAMLError:
        return None  # the rule loader reports broken YAML
    if not isinstance(data, Mapping) or "table" not in data:
        return None  # a rule pack
    unknown = set(data) - {"table", "about", "columns", "rows"}
    if unknown:
        raise RuleError(source, None, f"unknown table key(s): {', '.join(sorted(map(str, unknown)))}")
    name = data["table"]
    if not isinstance(name, str) or not name:
        raise RuleError(source, None, "'table' names the table, e.g. translation/calques")
    rows = data.get("rows") or []
    if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
        raise RuleError(source, None, "'rows' is a list of mappings")
    columns = data.get("columns")
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r))
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise RuleError(source, None, "'columns' is a list of column names")
    for i, row in enumerate(rows, 1):
        extra = set(row) - set(columns)
        if extra:
            raise RuleError(source, None, f"row {i}: unknown column(s) {', '.join(sorted(map(str, extra)))}")
    return _Part(
        name,
        tuple(columns),
        tuple(MappingProxyType(dict(r)) for r in rows),
        str(data.get("about") or "").strip(),
        source,
    )


def is_table_file(path: Path) -> bool:
    """Whether a YAML file is a table rather than a rule pack."""
    try:
        data = read_yaml(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, Mapping) and "table" in data
