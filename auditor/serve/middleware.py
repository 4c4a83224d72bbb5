"""Pure ASGI middleware: one log line and the metrics per request, the body size limit, the token.

Order, outermost first: ``AccessLog`` (sees every answer, including 401 and 413), ``RequireToken``,
``LimitBody``.  Errors are JSON ``{"error": ..., "status": ...}``.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from auditor.serve.metrics import Metrics
from auditor.serve.settings import BATCH_PATH

log = logging.getLogger("auditor.serve")

#: Paths anyone may fetch: the page and its files hold no data, and health checks carry no token.
PUBLIC = frozenset({"/", "/healthz", "/static/editor.js", "/static/editor.css", "/static/favicon.svg", "/favicon.ico"})
#: LanguageTool's API: its clients send the token as the ``apiKey`` field, checked by the route.
API_KEY_PATHS = frozenset({"/v2/check", "/v2/languages"})
AUTHORIZED = "auditor.authorized"
NOSNIFF = (b"x-content-type-options", b"nosniff")


async def send_error(send: Send, status: int, message: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class AccessLog:
    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = {"status": 500, "bytes": 0, "in": 0}

        async def counting_receive() -> Message:
            message = await receive()
            state["in"] += len(message.get("body", b""))
            return message

        async def logging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", []), NOSNIFF]}
            elif message["type"] == "http.response.body":
                state["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, logging_send)
        finally:
            seconds = time.perf_counter() - started
            path = scope.get("path", "")
            self.metrics.observe(scope.get("method", ""), path, state["status"], seconds)
            client = scope.get("client") or ("-", 0)
            # The path is logged as requested but made printable: a log line is one line.
            shown = path.encode("unicode_escape", "backslashreplace").decode("ascii")[:200]
            log.info(
                "%s %s %s %d in=%dB out=%dB %.1fms",
                client[0],
                scope.get("method", ""),
                shown,
                state["status"],
                state["in"],
                state["bytes"],
                seconds * 1000,
            )


class RequireToken:
    def __init__(self, app: ASGIApp, *, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            if scope["type"] == "http":
                scope[AUTHORIZED] = True
            await self.app(scope, receive, send)
            return
        scope[AUTHORIZED] = self.carries_token(scope)
        path = scope.get("path", "")
        if scope[AUTHORIZED] or path in PUBLIC or path in API_KEY_PATHS:
            await self.app(scope, receive, send)
            return
        await send_error(
            send,
            401,
            "a bearer token is required: send 'Authorization: Bearer TOKEN'",
            {"WWW-Authenticate": 'Bearer realm="auditor"'},
        )

    def carries_token(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, given = value.decode("latin-1").partition(" ")
                return scheme.lower() == "bearer" and self.matches(given.strip())
        return False

    def matches(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())


class LimitBody:
    """413 for a body over ``max_body`` bytes: at once from Content-Length, else as it arrives."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_batch: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_batch = max_batch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_batch if scope.get("path") == BATCH_PATH else self.max_body
        too_large = f"the request body is larger than {limit} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await send_error(send, 400, "Content-Length is not a number")
                    return
                if length > limit:
                    await send_error(send, 413, too_large)
                    return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise HTTPException(413, too_large)
            return message

        await self.app(scope, limited, send)
