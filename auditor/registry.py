"""The detector contract: every piece of matching code registers here, with its options declared.

A detector is a function ``(doc, options) -> Iterable[Hit]`` decorated with
``@detector(name, options=SomeFrozenDataclass)``.  A rule names it
(``detector: translation.doubled_word``); only registered names load.  The
options a rule gives are checked against the dataclass when the rule loads
(an unknown key or a wrong type is exit 2, naming the file and the rule), so a
typo never silently takes the default.  The dataclass's ``__post_init__`` is the
``prepare`` step: it compiles patterns and tables once per rule, and a
``ValueError`` it raises is reported the same way.

A field typed ``Table`` takes a table's name (``table("boilerplate/lines")`` as
its default) and receives the table itself, house rows included.

``languages`` lists the article languages a detector works on (empty: any); the
engine skips it on documents in another language.  A detector that also judges a
whole run declares ``collect`` (run in the worker on each document: small,
picklable data) and ``judge`` (run once at the end on everything collected).
A ``late`` detector runs after the document's other rules and reads how often
each of them fired (``document.rule_hits``): a judgement about the whole
document that weighs the other rules' evidence (TR117, the machine-translation signal).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import pkgutil
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin

from auditor.model import Hit
from auditor.tables import Table, TableRef, Tables

if TYPE_CHECKING:
    from auditor.document import Document

F = TypeVar("F", bound=Callable[..., Iterable[Hit]])


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a detector that takes none."""


Collect = Callable[["Document", Any], Any]
Judge = Callable[[Sequence[tuple[Any, Any]], Any], Iterable[tuple[Any, Hit, tuple[int, int], str]]]


@dataclass(frozen=True, slots=True)
class DetectorSpec:
    name: str
    function: Callable[..., Iterable[Hit]]
    options: type
    languages: frozenset[str] = frozenset()
    collect: Collect | None = None
    """Batch rules: ``collect(doc, options)`` in the worker, returning small picklable data (or None)."""
    judge: Judge | None = None
    """Batch rules: ``judge([(key, collected), ...], options)`` yields ``(key, hit, (line, column), text)``:
    the text is gone by then, so ``collect`` keeps what placing a finding needs."""
    doc: str = ""
    late: bool = False
    """Runs after the other rules of the document and may read how often each fired (``rule_hits``)."""


_REGISTRY: dict[str, DetectorSpec] = {}


def detector(
    name: str,
    *,
    options: type = NoOptions,
    languages: Iterable[str] = (),
    collect: Collect | None = None,
    judge: Judge | None = None,
    late: bool = False,
) -> Callable[[F], F]:
    """Register ``function`` as the detector ``name`` (``family.function``)."""
    if not dataclasses.is_dataclass(options):
        raise TypeError(f"detector {name}: options must be a frozen dataclass")
    if (collect is None) != (judge is None):
        raise TypeError(f"detector {name}: a batch detector declares both collect and judge")

    def register(function: F) -> F:
        known = _REGISTRY.get(name)
        if known is not None and _where(known.function) != _where(function):  # a reloaded module may re-register
            raise TypeError(f"detector {name!r} registered twice ({_where(known.function)}, {_where(function)})")
        _REGISTRY[name] = DetectorSpec(
            name, function, options, frozenset(languages), collect, judge, (function.__doc__ or "").strip(), late
        )
        return function

    return register


_PACKAGES = ("auditor.kinds", "auditor.detectors")
_imported = False


def _where(function: Callable[..., object]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _import_all() -> None:
    """Import every module of the kinds and detectors packages, which registers what they define."""
    global _imported
    if _imported:
        return
    for name in _PACKAGES:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
    _imported = True


def lookup(name: str) -> DetectorSpec:
    """The registered detector ``name``; ``LookupError`` naming the closest ones otherwise."""
    if ":" in name:  # "package.module:registered.name": a house detector, imported (trusted code)
        module_name, _, name = name.partition(":")
        try:
            importlib.import_module(module_name)
        except ImportError as exc:
            raise LookupError(f"detector module {module_name!r} cannot be imported: {exc}") from None
    if name not in _REGISTRY:
        family = name.partition(".")[0] if "." in name else None
        module = f"auditor.detectors.{family}" if family else f"auditor.kinds.{name}"
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    if name not in _REGISTRY:
        _import_all()
    try:
        return _REGISTRY[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, list(_REGISTRY), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise LookupError(f"no registered detector {name!r}{hint}; 'auditor rules --detectors' lists them") from None


def registered() -> dict[str, DetectorSpec]:
    _import_all()
    return dict(sorted(_REGISTRY.items()))


def build_options(
    spec_options: type, raw: Mapping[str, Any], tables: Tables, *, source: str, rule_id: str | None
) -> Any:
    """The options dataclass from a rule's YAML mapping: every key known, every value of its type.

    Raises ``ValueError`` with a message naming the key; the loader adds the file and the rule.
    """
    hints = typing.get_type_hints(spec_options)
    fields = {f.name: f for f in dataclasses.fields(spec_options) if f.init}
    unknown = [k for k in raw if str(k).replace("-", "_") not in fields]
    if unknown:
        known = ", ".join(sorted(fields)) or "none"
        raise ValueError(f"unknown option(s) {', '.join(map(str, unknown))} (this detector takes: {known})")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        field_name = str(key).replace("-", "_")
        values[field_name] = _coerce(value, hints[field_name], field_name)
    for f in fields.values():
        if f.name not in values and isinstance(f.default, TableRef):
            values[f.name] = f.default
    for field_name, value in list(values.items()):
        if isinstance(value, TableRef):
            values[field_name] = tables.get_table(value.name, source=source, rule_id=rule_id)
    missing = [
        f.name
        for f in fields.values()
        if f.name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise ValueError(f"missing option(s): {', '.join(missing)}")
    try:
        return spec_options(**values)
    except (TypeError, ValueError, LookupError) as exc:
        raise ValueError(str(exc)) from None


def _coerce(value: Any, hint: Any, key: str) -> Any:
    """``value`` checked against the annotation ``hint`` (the few types options use)."""
    origin = get_origin(hint)
    if hint is Any:
        return value
    if origin in (Union, types.UnionType):
        args = get_args(hint)
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _coerce(value, arg, key)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError(errors[0] if errors else f"option {key}: bad value {value!r}")
    if origin is Literal:
        if value not in get_args(hint):
            raise ValueError(f"option {key}: {value!r} is not one of {', '.join(map(repr, get_args(hint)))}")
        return value
    if hint is Table:
        if not isinstance(value, str):
            raise ValueError(f"option {key}: a table's name, e.g. boilerplate/lines")
        return TableRef(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise ValueError(f"option {key}: true or false, not {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"option {key}: a whole number, not {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"option {key}: a number, not {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ValueError(f"option {key}: text, not {value!r}")
        return value
    if origin is tuple:
        args = get_args(hint)
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"option {key}: a list, not {value!r}")
        item = args[0] if args else Any
        return tuple(_coerce(v, item, key) for v in value)
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        if not isinstance(value, Mapping):
            raise ValueError(f"option {key}: a mapping, not {value!r}")
        args = get_args(hint)
        if len(args) == 2:
            return types.MappingProxyType(
                {_coerce(k, args[0], key): _coerce(v, args[1], key) for k, v in value.items()}
            )
        return types.MappingProxyType(dict(value))
    raise ValueError(f"option {key}: unsupported option type {hint!r}")  # pragma: no cover - a detector bug


def describe_options(spec_options: type) -> list[dict[str, str]]:
    """Each option: name, type and default, for ``auditor rules --detectors`` and the docs."""
    hints = typing.get_type_hints(spec_options)
    out = []
    for f in dataclasses.fields(spec_options):
        if not f.init:
            continue
        default: Any = f.default
        if isinstance(default, TableRef):
            default = default.name
        elif default is dataclasses.MISSING:
            factory = f.default_factory
            default = "required" if factory is dataclasses.MISSING else repr(factory())  # type: ignore[misc,operator]
        out.append({"name": f.name, "type": _type_name(hints[f.name]), "default": str(default)})
    return out


def _type_name(hint: Any) -> str:
    if hint is Table:
        return "table"
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")
