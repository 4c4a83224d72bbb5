"""auditor's own API: ``/v1/check``, ``/v1/fix``, ``/v1/batch``, ``/v1/rules``, ``/healthz``, ``/metrics``.

``/v1/check`` takes the article as the body (any text type: it is decoded as ``auditor check``
decodes a file) or JSON ``{text, id?, select?, ignore?, language?}``, and answers the JSON
report's file object.  ``/v1/fix`` answers ``{text, applied, passes}``; unsafe fixes only when
asked (``"unsafe": true`` or ``?unsafe=true``).  ``/v1/batch`` reads JSON Lines ``{"id", "text"}``
and streams one file object per line, in order; a record that fails gives an error line and the
rest go on.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from auditor import __version__
from auditor.errors import ConfigError
from auditor.model import FileResult
from auditor.serve.fixes import applied_to_json
from auditor.serve.gate import Busy, TimedOut
from auditor.serve.metrics import Metrics
from auditor.serve.service import Selection, Service

JSON_TYPES = ("application/json", "application/x-json")
TRUE = frozenset({"1", "true", "yes", "on"})


def is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() in JSON_TYPES


async def json_body(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError('the body is a JSON object such as {"text": "..."}')
    return data


def selection(source: Mapping[str, Any]) -> Selection:
    language = source.get("language")
    if language is not None and not isinstance(language, str):
        raise ConfigError("language: a code such as en")
    return Selection(
        select=Selection.codes(source.get("select"), name="select"),
        ignore=Selection.codes(source.get("ignore"), name="ignore"),
        extend_select=Selection.codes(source.get("extend_select"), name="extend_select"),
        language=language or None,
    )


def text_of(data: Mapping[str, Any]) -> str:
    text = data.get("text")
    if not isinstance(text, str):
        raise ConfigError("text: the article as a string is required")
    return text


def ident(value: object) -> str:
    if value is None:
        return "<text>"
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise ConfigError("id: a string or a number")


def file_object(result: FileResult, ident: str) -> dict[str, Any]:
    out = result.to_dict()
    out["id"] = ident
    return out


class Api:
    def __init__(self, service: Service, metrics: Metrics) -> None:
        self.service = service
        self.metrics = metrics

    def routes(self) -> list[Route]:
        return [
            Route("/v1/check", self.check, methods=["POST"]),
            Route("/v1/fix", self.fix, methods=["POST"]),
            Route("/v1/batch", self.batch, methods=["POST"]),
            Route("/v1/rules", self.rules, methods=["GET"]),
            Route("/healthz", self.healthz, methods=["GET"]),
            Route("/metrics", self.prometheus, methods=["GET"]),
        ]

    async def check(self, request: Request) -> Response:
        gate = self.service.gate
        if is_json(request):
            data = await json_body(request)
            auditor = self.service.auditor_for(selection(data))
            name = ident(data.get("id"))
            result = await gate.run(self.service.check_text, auditor, text_of(data), name)
        else:
            params = request.query_params
            auditor = self.service.auditor_for(selection(params))
            name = ident(params.get("id"))
            result = await gate.run(self.service.check_bytes, auditor, await request.body(), name)
        self.metrics.audited()
        return JSONResponse(file_object(result, name))

    async def fix(self, request: Request) -> Response:
        if is_json(request):
            data: Mapping[str, Any] = await json_body(request)
            text = text_of(data)
            unsafe = data.get("unsafe", False)
            if not isinstance(unsafe, bool):
                raise ConfigError("unsafe: true or false")
        else:
            data = request.query_params
            try:
                text = (await request.body()).decode("utf-8")
            except UnicodeDecodeError:
                raise ConfigError("the body is UTF-8 text (or JSON with a text field)") from None
            unsafe = data.get("unsafe", "").lower() in TRUE
        auditor = self.service.auditor_for(selection(data))
        fixed = await self.service.gate.run(self.service.fix, auditor, text, unsafe, None)
        self.metrics.audited()
        out: dict[str, Any] = {
            "text": fixed.text,
            "changed": fixed.text != text,
            "unsafe": unsafe,
            "passes": fixed.passes,
            "applied": [applied_to_json(a) for a in fixed.applied],
        }
        after = getattr(fixed, "after", None)  # auditor.fixing's result says what remains
        if isinstance(after, FileResult):
            out["remaining"] = [f.to_dict() for f in after.findings]
        return JSONResponse(out)

    async def batch(self, request: Request) -> Response:
        # The body is read before the answer starts: Starlette's streaming answer listens for the
        # client's disconnect on the same channel the body arrives on.  The answer is streamed.
        auditor = self.service.auditor_for(selection(request.query_params))
        body = await request.body()
        return StreamingResponse(self._results(auditor, self._lines(body)), media_type="application/x-ndjson")

    async def _lines(self, body: bytes) -> AsyncIterator[bytes]:
        for line in body.split(b"\n"):
            if len(line) > self.service.settings.max_body:
                raise HTTPException(413, f"a record is larger than {self.service.settings.max_body} bytes")
            yield line

    async def _results(self, auditor: Any, lines: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        number = 0
        try:
            async for raw in lines:
                number += 1
                if not raw.strip():
                    continue
                yield (json.dumps(await self._record(auditor, raw, number), ensure_ascii=False) + "\n").encode()
        except HTTPException as exc:  # the answer has started: the error is the last line
            yield (json.dumps({"line": number + 1, "error": exc.detail, "status": exc.status_code}) + "\n").encode()

    async def _record(self, auditor: Any, raw: bytes, number: int) -> dict[str, Any]:
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ConfigError('a record is a JSON object such as {"id": 1, "text": "..."}')
            name = ident(data.get("id", number))
            result = await self.service.gate.run(self.service.check_text, auditor, text_of(data), name)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return {"line": number, "error": f"not JSON: {exc}", "status": 400}
        except ConfigError as exc:
            return {"line": number, "error": str(exc), "status": 400}
        except Busy as exc:  # cannot happen to a batch's own sequential records unless others fill the queue
            return {"line": number, "error": str(exc), "status": 429}
        except TimedOut as exc:
            return {"line": number, "error": str(exc), "status": 503}
        self.metrics.audited()
        return file_object(result, name)

    async def rules(self, request: Request) -> Response:
        from auditor.rulecmds import rule_summary

        out = []
        for rule in self.service.rules:
            summary = rule_summary(rule)
            summary.pop("source", None)  # where the packs are on the server's disk is not the client's business
            out.append(summary)
        return JSONResponse(out)

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "rules": len(self.service.rules)})

    async def prometheus(self, request: Request) -> Response:
        gate = self.service.gate
        gauges = {
            "auditor_audits_running": ("Audits running now.", float(gate.running)),
            "auditor_audits_waiting": ("Audits waiting for a slot.", float(max(0, gate.waiting))),
            "auditor_audit_slots": ("Audits that may run at once.", float(gate.concurrency)),
            "auditor_queue_places": ("Audits that may wait.", float(gate.queue)),
            "auditor_rejected_total": ("Audits refused with 429 (queue full).", float(gate.rejected)),
            "auditor_timeouts_total": ("Audits answered 503 (time limit).", float(gate.timeouts)),
        }
        return PlainTextResponse(self.metrics.render(gauges), media_type="text/plain; version=0.0.4")
