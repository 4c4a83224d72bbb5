"""LanguageTool's HTTP API (``/v2/check``, ``/v2/languages``) over auditor, for LanguageTool's clients.

``/v2/check`` takes the form fields LanguageTool takes (GET query or POST form): ``text`` or
``data`` (the annotation JSON, whose markup is not audited but counts in offsets), ``language``
(``auto`` or a code such as ``en-US``), ``enabledRules``, ``disabledRules``, ``enabledOnly``,
``enabledCategories``, ``disabledCategories``; ``apiKey`` carries the server's token for
clients that cannot send a header.  Rule ids are auditor's (``TR101``); LanguageTool ids a client
sends (``WHITESPACE_RULE``) match nothing and are passed over, as LanguageTool passes over ids it
does not know.  Offsets and lengths count UTF-16 code units, as LanguageTool's do (``offsets``).

Each finding is a match: the span reaches over the fix's edits, so that applying the one
replacement to ``[offset, offset + length)`` applies the fix; a finding without a fix has no
replacement and its suggestion ends the message.  A finding about the whole file is a match
over the first line.  Errors are plain text, as LanguageTool's are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from auditor import __version__
from auditor.document import Document
from auditor.engine import Auditor, document_language
from auditor.errors import ConfigError
from auditor.model import Finding, apply_edits
from auditor.rule import Rule
from auditor.selection import prefixes
from auditor.serve.gate import Busy, TimedOut
from auditor.serve.metrics import Metrics
from auditor.serve.middleware import AUTHORIZED, RequireToken
from auditor.serve.offsets import ClientOffsets, utf16_length
from auditor.serve.service import Selection, Service

CONTEXT = 40  # characters of context either side, as LanguageTool shows
#: LanguageTool's issue types for auditor's categories.
ISSUE_TYPES = {
    "names": "misspelling",
    "translation": "grammar",
    "extraction": "typographical",
    "encoding": "typographical",
    "boilerplate": "non-conformance",
    "language": "non-conformance",
    "readability": "style",
    "style": "style",
    "internal": "uncategorized",
}
LANGUAGES = (
    ("English", "en", "en"),
    ("English (US)", "en", "en-US"),
    ("English (GB)", "en", "en-GB"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
)
_NAMES = {long: name for name, _, long in LANGUAGES}


class LanguageToolApi:
    def __init__(self, service: Service, metrics: Metrics, *, token: RequireToken) -> None:
        self.service = service
        self.metrics = metrics
        self.token = token
        self._known = prefixes(r.id for r in service.available)

    def routes(self) -> list[Route]:
        return [
            Route("/v2/check", self.check, methods=["GET", "POST"]),
            Route("/v2/languages", self.languages, methods=["GET"]),
        ]

    async def languages(self, request: Request) -> Response:
        if (refused := self._refused(request, request.query_params)) is not None:
            return refused
        return JSONResponse([{"name": name, "code": code, "longCode": long} for name, code, long in LANGUAGES])

    async def check(self, request: Request) -> Response:
        try:
            fields: Mapping[str, Any] = request.query_params
            if request.method == "POST":
                form = await request.form()
                fields = {**request.query_params, **{k: v for k, v in form.items() if isinstance(v, str)}}
            if (refused := self._refused(request, fields)) is not None:
                return refused
            offsets = self._offsets(fields)
            language = str(fields.get("language") or "auto")
            auditor = self.service.auditor_for(self._selection(fields, language))
            result = await self.service.gate.run(self._audit, auditor, offsets.text)
        except HTTPException as exc:
            return PlainTextResponse(f"Error: {exc.detail}", status_code=exc.status_code)
        except ConfigError as exc:
            return PlainTextResponse(f"Error: {exc}", status_code=400)
        except Busy as exc:
            return PlainTextResponse(f"Error: {exc}", status_code=429, headers={"Retry-After": "1"})
        except TimedOut as exc:
            return PlainTextResponse(f"Error: {exc}", status_code=503)
        findings, detected = result
        self.metrics.audited()
        disabled = {c.strip().upper() for c in str(fields.get("disabledCategories") or "").split(",") if c.strip()}
        rules = {r.id: r for r in self.service.available}
        matches = [match(f, offsets, rules.get(f.rule)) for f in findings if category_id(f.category) not in disabled]
        code = language if language != "auto" else detected
        return JSONResponse(
            {
                "software": {
                    "name": "auditor",
                    "version": __version__,
                    "buildDate": None,
                    "apiVersion": 1,
                    "premium": False,
                    "status": "",
                },
                "warnings": {"incompleteResults": False},
                "language": {
                    "name": _NAMES.get(code, code),
                    "code": code,
                    "detectedLanguage": {
                        "name": _NAMES.get(detected, detected),
                        "code": detected,
                        "confidence": 1.0 if language != "auto" else 0.9,
                    },
                },
                "matches": matches,
            }
        )

    def _refused(self, request: Request, fields: Mapping[str, Any]) -> Response | None:
        if request.scope.get(AUTHORIZED) or self.token.matches(str(fields.get("apiKey") or "")):
            return None
        return PlainTextResponse(
            "Error: a token is required: send 'Authorization: Bearer TOKEN' or apiKey", status_code=401
        )

    @staticmethod
    def _offsets(fields: Mapping[str, Any]) -> ClientOffsets:
        text, data = fields.get("text"), fields.get("data")
        if text is not None and data is not None:
            raise ConfigError("Set only 'text' or 'data', not both")
        if text is not None:
            return ClientOffsets.plain(str(text))
        if data is None:
            raise ConfigError("Missing 'text' or 'data' parameter")
        try:
            annotation = json.loads(str(data))["annotation"]
            items: list[tuple[str, str | None]] = []
            for item in annotation:
                if "text" in item:
                    items.append((str(item["text"]), None))
                else:
                    items.append((str(item["markup"]), str(item.get("interpretAs", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f'\'data\' is JSON such as {{"annotation": [{{"text": "..."}}]}}: {exc}') from None
        return ClientOffsets.annotated(items)

    def _selection(self, fields: Mapping[str, Any], language: str) -> Selection:
        def ids(name: str) -> tuple[str, ...]:
            codes = Selection.codes(str(fields.get(name) or ""), name=name) or ()
            return tuple(c for c in codes if c in self._known)  # LanguageTool's own ids match no rule here

        enabled, disabled = ids("enabledRules"), ids("disabledRules")
        categories = {c.strip().upper() for c in str(fields.get("enabledCategories") or "").split(",") if c.strip()}
        if categories:
            enabled += tuple(r.id for r in self.service.available if category_id(r.category) in categories)
        only = str(fields.get("enabledOnly") or "").lower() == "true"
        if only and not enabled:
            raise ConfigError("enabledOnly requires enabledRules or enabledCategories")
        lang = None if language == "auto" else language.split("-")[0].lower()
        return Selection(
            select=enabled if only else None,
            extend_select=None if only else (enabled or None),
            ignore=disabled or None,
            language=lang,
        )

    @staticmethod
    def _audit(auditor: Auditor, text: str) -> tuple[tuple[Finding, ...], str]:
        result = auditor.audit_text(text, path="<text>")
        detected = document_language(Document(text, language=auditor.config.language))
        long = {"en": "en-US"}.get(detected, detected)
        return result.findings, long


def category_id(category: str) -> str:
    return category.upper()


def match(finding: Finding, offsets: ClientOffsets, rule: Rule | None) -> dict[str, Any]:
    text = offsets.text
    if finding.start is None or finding.end is None:  # about the whole file: shown on its first line
        start, end = 0, text.find("\n") if "\n" in text else len(text)
    else:
        start, end = finding.start, finding.end
    replacements = []
    message = finding.message
    if finding.fix is not None and finding.fix.edits:
        start, end = min(start, finding.fix.start), max(end, finding.fix.end)
        shifted = [type(e)(e.start - start, e.end - start, e.replacement) for e in finding.fix.edits]
        replacements.append({"value": apply_edits(text[start:end], shifted)})
    elif finding.suggestion:
        message = f"{message.rstrip('.')}. Suggestion: {finding.suggestion}"
    offset, stop = offsets.to_client(start), offsets.to_client(end, end=True)
    cstart, cend = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    context = text[cstart:cend]
    context_offset = utf16_length(text[cstart:start])  # within the context, which is audited text
    description = finding.name.replace("-", " ")
    if rule is not None and rule.why:
        description = rule.why.strip().split(". ")[0].rstrip(".")[:200]
    return {
        "message": message,
        "shortMessage": finding.name.replace("-", " "),
        "replacements": replacements,
        "offset": offset,
        "length": stop - offset,
        "context": {"text": context, "offset": context_offset, "length": utf16_length(text[start:end])},
        "sentence": context,
        "type": {"typeName": "Other"},
        "rule": {
            "id": finding.rule,
            "description": description,
            "issueType": "duplication"
            if "doubled" in finding.name
            else ISSUE_TYPES.get(finding.category, "uncategorized"),
            "category": {"id": category_id(finding.category), "name": finding.category.capitalize()},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        "auditor": {
            "severity": str(finding.severity),
            "suggestion": finding.suggestion,
            "related": list(finding.related),
            "applicability": None if finding.fix is None else finding.fix.applicability,
        },
    }
