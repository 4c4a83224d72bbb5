"""Turn the paths a user gives into documents to audit, and audit them one by one.

Discovery works as ruff's does.  Folders are walked recursively in sorted order;
a file inside one is kept when its name matches an ``include`` glob and nothing
excludes it.  Excluded are: hidden files and folders, the ``DEFAULT_EXCLUDE``
folders (``.git``, ``.venv``, ``venv``, ``build``, ``dist``, ``*.egg-info``,
``node_modules``, ...), the ``reports/`` output folder of the working directory,
the ``exclude`` globs, and whatever a ``.gitignore`` ignores (the walked folders'
own and their parents' up to the repository root; ``respect-gitignore = false``
turns this off).  A file named on the command line is always audited, unless
``force-exclude`` is set (as pre-commit hooks want).

A missing path is an input error (exit 2).  A file that cannot be read, is not
text, is too large, or is a ``.json`` file (not a corpus) is *skipped*: reported
with its reason, never counted as passed.  HTML pages (``.html``, ``.htm``) are
audited as their visible text (see ``htmlinput``).
"""

from __future__ import annotations

import contextlib
import fnmatch
import gzip
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.config import DEFAULT_INCLUDE, DEFAULT_MAX_SIZE
from auditor.corpus import is_corpus, read_records
from auditor.decode import NotText, decode
from auditor.document import Document
from auditor.engine import Auditor
from auditor.errors import InputError
from auditor.htmlinput import article_text, is_html, visible_text
from auditor.model import UNREADABLE, FileResult
from auditor.sources import META, folder_source

STDIN = "-"
#: Folders never walked into (matched against each folder's name), as ruff's default excludes.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "build",
    "dist",
    "*.egg-info",
    "node_modules",
    "__pycache__",
    "__pypackages__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
)
#: Where reports are written by default; never audited when it sits in the working directory.
OUTPUT_DIR = "reports"
INPUT_FORMATS = ("auto", "text", "html")
JSON_SKIP = (
    "a JSON file, not an article or a corpus: auditor reads corpora as JSON Lines (.jsonl, one object "
    "per line); convert it with: jq -c '.[]' FILE.json > FILE.jsonl"
)


@dataclass(frozen=True, slots=True)
class Item:
    """One document to audit: a file (read where it is audited), a corpus record, or stdin's bytes.

    Items are small and picklable, so worker processes read files themselves.
    """

    display: str
    path: str | None = None
    text: str | None = None
    data: bytes | None = None
    problem: str | None = None
    """Why the input cannot be read (reported as ``cannot read: ...``)."""
    skip: str | None = None
    """Why the input is readable but not audited (a ``.json`` file, an empty record)."""
    html: bool = False
    """Audit the visible text of this HTML instead of the raw markup."""
    extract: bool = False
    """With ``html``: audit only the article body trafilatura finds."""
    source: str | None = None
    """Which site the document comes from (docs/sources.md); kept in the result for source profiles."""
    date: str | None = None

    def read(self, limit: int) -> bytes:
        """The file's bytes, or ``TooLarge`` when there are more than ``limit``."""
        if self.data is not None:
            data = self.data
        else:
            assert self.path is not None
            with open(self.path, "rb") as fh:
                data = fh.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"larger than {limit:,} bytes (max-size); not audited")
        return data


class TooLarge(ValueError):
    """The input is larger than the configured ``max-size``."""


@dataclass(frozen=True, slots=True)
class Discovery:
    """What decides which files of a folder are audited."""

    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True
    cwd: Path = field(default_factory=Path.cwd)


@dataclass(slots=True)
class Found:
    """Counts of what discovery passed over, for the message of a run that audits nothing."""

    files: int = 0
    not_included: int = 0
    excluded: int = 0
    gitignored: int = 0


def discover(
    paths: Sequence[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    text_field: str = "text",
    id_field: str = "id",
    max_size: int = DEFAULT_MAX_SIZE,
    discovery: Discovery | None = None,
    found: Found | None = None,
    input_format: str = "auto",
    extract: bool = False,
    source_field: str | None = None,
    date_field: str | None = None,
) -> Iterator[Item]:
    """Every document below ``paths``, lazily; ``InputError`` for a path that does not exist.

    A corpus file (``.jsonl``, ``.jsonl.gz``, ``.csv``, ``.parquet``) named on the
    command line yields one item per record; ``input_format="html"`` reads every
    file and record as HTML, ``"text"`` none, ``"auto"`` by the file's suffix.
    """
    rules = discovery or Discovery(include=include, exclude=exclude)
    found = found if found is not None else Found()
    walker = _Walker(rules, found)
    for raw in paths:
        if raw == STDIN:
            data = sys.stdin.buffer.read(max_size + 1)  # one byte more tells it is too large
            found.files += 1
            yield Item("<stdin>", data=data, html=input_format == "html", extract=extract, source="<stdin>")
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        if path.is_dir():
            for full in walker.walk(path):
                yield _file_item(full, input_format=input_format, extract=extract, root=raw)
        elif rules.force_exclude and walker.excluded_file(path):
            continue
        elif is_corpus(raw):
            check_text_field(raw, text_field)
            html = input_format == "html"
            corpus_source = Path(raw).name.split(".")[0] or raw
            for record in read_records(
                raw,
                text_field=text_field,
                id_field=id_field,
                max_size=max_size,
                source_field=source_field,
                date_field=date_field,
            ):
                found.files += 1
                source, date = record.source or corpus_source, record.date
                if record.skip is not None or record.data is not None:
                    # Larger than max-size, or bytes that are not UTF-8: decoded like a file, encoding told.
                    yield Item(
                        record.id,
                        skip=record.skip,
                        data=record.data,
                        html=html,
                        extract=extract and html,
                        source=source,
                        date=date,
                    )
                    continue
                yield replace(
                    _record_item(
                        record.id, record.text, record.problem, text_field=text_field, html=html, extract=extract
                    ),
                    source=source,
                    date=date,
                )
        else:
            found.files += 1
            yield _file_item(raw, input_format=input_format, extract=extract)


def _file_item(path: str, *, input_format: str, extract: bool, root: str | None = None) -> Item:
    source = folder_source(path, root)
    if input_format == "auto" and path.lower().endswith(".json"):
        return Item(path, skip=JSON_SKIP, source=source)
    html = input_format == "html" or (input_format == "auto" and is_html(path))
    return Item(path, path=path, html=html, extract=extract and html, source=source)


def _record_item(rid: str, text: str, problem: str | None, *, text_field: str, html: bool, extract: bool) -> Item:
    if problem is not None:
        return Item(rid, problem=problem)
    if not text.strip():
        # "text": "" and "text": null are the same: a record without text, skipped with the same reason.
        return Item(rid, skip=f"no text: field {text_field!r} is empty")
    return Item(rid, text=text, html=html, extract=extract and html)


def check_text_field(path: str, text_field: str) -> None:
    """A JSON Lines corpus whose first record lacks ``text_field``: one error naming the fields it has.

    (CSV and Parquet corpora are checked by their header in ``corpus``.)
    """
    lower = path.lower()
    if not lower.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return
    try:
        opener = gzip.open if lower.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig", errors="replace") as fh:  # type: ignore[operator]
            for line in fh:
                if line.strip():
                    break
            else:
                return
    except (OSError, EOFError, ValueError):
        return  # the corpus reader reports an unreadable file with its own message
    try:
        first = json.loads(line)
    except json.JSONDecodeError:
        return
    if isinstance(first, dict) and text_field not in first:
        fields = ", ".join(repr(k) for k in list(first)[:20]) or "none"
        raise InputError(
            f"{path}: the records have no field {text_field!r} (the first record's fields: "
            f"{fields}); name the text field with --text-field"
        )


def walk_finds(root: Path, path: Path, discovery: Discovery) -> bool:
    """Whether walking the folder ``root`` would audit the file at ``path`` (which need not exist yet)."""
    return _Walker(discovery, Found()).finds(root, path)


class _Walker:
    def finds(self, root: Path, path: Path) -> bool:
        top = Path(os.path.realpath(root))
        target = Path(os.path.realpath(path))
        try:
            parts = target.relative_to(top).parts
        except ValueError:
            return False
        if not parts:
            return False
        specs = self._parents(top) if self.rules.respect_gitignore else []
        folder = top
        shown = str(root)
        for name in parts[:-1]:
            if self.rules.respect_gitignore and (own := self._spec(folder)) is not None:
                specs = [*specs, (folder, own)]
            shown = os.path.join(shown, name)
            if self._skip_folder(shown, name, root) or self._ignored(folder / name, specs, is_dir=True):
                return False
            folder = folder / name
        if self.rules.respect_gitignore and (own := self._spec(folder)) is not None:
            specs = [*specs, (folder, own)]
        name = parts[-1]
        full = os.path.join(shown, name)
        return (
            not name.startswith(".")
            and _matches(name, self.rules.include)
            and not self._excluded(full, name, root)
            and not self._ignored(folder / name, specs, is_dir=False)
        )

    def __init__(self, rules: Discovery, found: Found) -> None:
        self.rules = rules
        self.found = found
        self.cwd = rules.cwd.resolve()
        self._specs: dict[Path, object | None] = {}

    def walk(self, root: Path) -> Iterator[str]:
        top = root.resolve()
        chain = self._parents(top) if self.rules.respect_gitignore else []
        stack: list[tuple[str, list[tuple[Path, object]]]] = [(str(root), chain)]
        while stack:
            folder, specs = stack.pop()
            real = Path(os.path.realpath(folder))
            if self.rules.respect_gitignore:
                own = self._spec(real)
                if own is not None:
                    specs = [*specs, (real, own)]
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            subfolders = []
            for entry in entries:
                name = entry.name
                full = os.path.join(folder, name)
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    continue
                if is_dir:
                    if self._skip_folder(full, name, root) or self._ignored(real / name, specs, is_dir=True):
                        continue
                    subfolders.append((full, specs))
                    continue
                if name.startswith("."):
                    continue
                if not _matches(name, self.rules.include):
                    self.found.not_included += 1
                    continue
                if self._excluded(full, name, root):
                    self.found.excluded += 1
                    continue
                if self._ignored(real / name, specs, is_dir=False):
                    self.found.gitignored += 1
                    continue
                self.found.files += 1
                yield full
            stack.extend(reversed(subfolders))

    def excluded_file(self, path: Path) -> bool:
        """``force-exclude``: whether a file named on the command line is excluded all the same."""
        full = str(path)
        folders = [p for p in path.parents if p.name not in ("", ".", "..")]
        if any(self._excluded(str(f), f.name, self.cwd) for f in folders):
            return True
        if self._excluded(full, path.name, path.parent) or any(
            _matches(part, DEFAULT_EXCLUDE) for part in path.resolve().parent.parts
        ):
            return True
        if self.rules.respect_gitignore:
            real = path.resolve()
            specs = self._parents(real.parent)
            own = self._spec(real.parent)
            if own is not None:
                specs.append((real.parent, own))
            return self._ignored(real, specs, is_dir=False)
        return False

    def _skip_folder(self, full: str, name: str, root: Path) -> bool:
        if name.startswith(".") or _matches(name, DEFAULT_EXCLUDE):
            return True
        if name == OUTPUT_DIR and Path(os.path.abspath(full)) == self.cwd / OUTPUT_DIR:
            return True
        return self._excluded(full, name, root)

    def _excluded(self, full: str, name: str, root: Path) -> bool:
        globs = self.rules.exclude
        if not globs:
            return False
        rel_root = os.path.relpath(full, root).replace(os.sep, "/")
        candidates = {name, rel_root, full.replace(os.sep, "/")}
        with contextlib.suppress(ValueError):
            candidates.add(os.path.relpath(os.path.abspath(full), self.cwd).replace(os.sep, "/"))
        return any(fnmatch.fnmatch(c, g) or fnmatch.fnmatch(c, g.rstrip("/")) for c in candidates for g in globs)

    def _parents(self, top: Path) -> list[tuple[Path, object]]:
        """The ``.gitignore`` files above ``top`` up to the repository root (none outside a repository)."""
        if (top / ".git").exists():
            return []
        folders = []
        for folder in top.parents:
            folders.append(folder)
            if (folder / ".git").exists():
                break
        else:
            return []
        return [(f, spec) for f in reversed(folders) if (spec := self._spec(f)) is not None]

    def _spec(self, folder: Path) -> object | None:
        if folder not in self._specs:
            spec = None
            ignore = folder / ".gitignore"
            if ignore.is_file():
                import pathspec

                try:
                    lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
                    spec = pathspec.GitIgnoreSpec.from_lines(lines)
                except (OSError, ValueError):
                    spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    @staticmethod
    def _ignored(path: Path, specs: list[tuple[Path, object]], *, is_dir: bool) -> bool:
        """Git's rule: the deepest ``.gitignore`` with a matching pattern decides; its last match wins."""
        for base, spec in reversed(specs):
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            target = rel + "/" if is_dir else rel
            check = getattr(spec, "check_file", None)
            if check is None:  # pathspec without check_file: no cross-file negation, matches still decide
                if spec.match_file(target):  # type: ignore[attr-defined]
                    return True
                continue
            result = check(target)
            if result.include is not None:
                return bool(result.include)
        return False


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def audit_item(auditor: Auditor, item: Item) -> FileResult:
    """Audit one item; unreadable, oversized, binary and skipped inputs come back as skipped results.

    The item's source and date ride along in ``collected[META]`` for source profiles and clusters.
    """
    result = _audit_item(auditor, item)
    if item.source is None and item.date is None:
        return result
    return replace(result, collected={**result.collected, META: {"source": item.source, "date": item.date}})


def _audit_item(auditor: Auditor, item: Item) -> FileResult:
    if item.skip is not None:
        return skipped(item.display, item.skip)
    if item.problem is not None:
        return skipped(item.display, f"{UNREADABLE}: {item.problem}")
    if item.text is not None:
        if not item.html:
            return auditor.audit_text(item.text, path=item.display)
        text = _html(item, item.text)
        if text is None:
            return skipped(item.display, "--extract found no article text in the page")
        return auditor.audit_text(text, path=item.display)
    try:
        data = item.read(auditor.config.max_size)
    except OSError as exc:
        return skipped(item.display, f"{UNREADABLE}: {exc.strerror or exc}")
    except TooLarge as exc:
        return skipped(item.display, str(exc))
    if not item.html:
        try:
            return auditor.audit_bytes(data, path=item.display)
        except NotText as exc:
            return skipped(item.display, str(exc))
    try:
        decoded = decode(data)
    except NotText as exc:
        return skipped(item.display, str(exc))
    text = _html(item, decoded.text)
    if text is None:
        return skipped(item.display, "--extract found no article text in the page")
    return auditor.audit(Document(text, path=item.display, encoding=decoded.encoding, language=auditor.config.language))


def _html(item: Item, markup: str) -> str | None:
    return article_text(markup) if item.extract else visible_text(markup)


def skipped(path: str, reason: str) -> FileResult:
    """A result for an input that was not audited: it never counts as passed."""
    return FileResult(path=path, encoding="", words=0, score=0.0, passed=False, findings=(), skipped=reason)
