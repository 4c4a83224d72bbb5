"""The Starlette app: routes of ``api``, ``languagetool`` and ``page`` behind the middleware.

``create_app(config, settings)`` builds it; ``worker_app()`` is the factory uvicorn's worker
processes call, reading both from the environment the ``serve`` command set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from auditor.config import Config
from auditor.errors import ConfigError
from auditor.serve import page
from auditor.serve.api import Api
from auditor.serve.gate import Busy, TimedOut
from auditor.serve.languagetool import LanguageToolApi
from auditor.serve.metrics import Metrics
from auditor.serve.middleware import AccessLog, LimitBody, RequireToken
from auditor.serve.service import Service
from auditor.serve.settings import ServeSettings, config_from_json

CONFIG_ENV, SETTINGS_ENV = "AUDITOR_SERVE_CONFIG", "AUDITOR_SERVE_SETTINGS"


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error(exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def on_config(request: Request, exc: Exception) -> Response:
    return error(400, str(exc))


async def on_busy(request: Request, exc: Exception) -> Response:
    return error(429, str(exc), {"Retry-After": "1"})


async def on_timeout(request: Request, exc: Exception) -> Response:
    return error(503, str(exc), {"Retry-After": "5"})


def create_app(config: Config | None = None, settings: ServeSettings | None = None) -> Starlette:
    settings = settings or ServeSettings()
    service = Service(config or Config(), settings)
    metrics = Metrics()
    token = RequireToken(lambda *_: None, token=settings.token)  # type: ignore[arg-type]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        service.gate.close()

    app = Starlette(
        routes=[
            *page.routes(),
            *Api(service, metrics).routes(),
            *LanguageToolApi(service, metrics, token=token).routes(),
        ],
        middleware=[
            Middleware(AccessLog, metrics=metrics),
            Middleware(RequireToken, token=settings.token),
            Middleware(LimitBody, max_body=settings.max_body, max_batch=settings.max_batch),
        ],
        exception_handlers={HTTPException: on_http, ConfigError: on_config, Busy: on_busy, TimedOut: on_timeout},
        lifespan=lifespan,
    )
    app.state.service = service
    return app


def worker_app() -> Starlette:
    """uvicorn's factory in each worker process (``--workers N``)."""
    return create_app(config_from_json(os.environ[CONFIG_ENV]), ServeSettings.from_json(os.environ[SETTINGS_ENV]))
