"""The ``auditor serve`` subcommand: its flags, and running uvicorn with them.

Imported by the CLI without Starlette or uvicorn: they are imported only when the command runs,
so ``auditor check`` works without the ``serve`` extra.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from auditor.config import Config
from auditor.errors import ConfigError
from auditor.serve.settings import (
    DEFAULT_HOST,
    DEFAULT_MAX_BODY,
    DEFAULT_PORT,
    TOKEN_ENV,
    ServeSettings,
    config_to_json,
    is_loopback,
)

EXIT_OK = 0


def _positive(kind: type) -> Callable[[str], float]:
    def parse(value: str) -> float:
        try:
            number = kind(value)
        except ValueError:
            number = 0
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
        return number

    return parse


def add_parser(
    sub: argparse._SubParsersAction,
    selection: Callable[[argparse.ArgumentParser], None],
    resolve_config: Callable[[argparse.Namespace], Config],
) -> None:
    """Register ``serve``; ``resolve_config`` is the CLI's (configuration file, then flags)."""
    serve = sub.add_parser(
        "serve",
        help="run auditor as an HTTP service (auditor's API, LanguageTool's "
        "/v2/check, an editor's page); needs the serve extra",
        description="Serve auditor over HTTP. See docs/serve.md.",
    )
    serve.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}; any other needs a token)"
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)")
    serve.add_argument("--workers", type=_positive(int), default=1, metavar="N", help="worker processes (default 1)")
    serve.add_argument(
        "--token",
        help=f"bearer token API requests must carry (default: ${TOKEN_ENV}); required "
        "when --host is not a loopback address",
    )
    serve.add_argument(
        "--max-request",
        type=_positive(int),
        default=DEFAULT_MAX_BODY,
        metavar="BYTES",
        help=f"largest request body (default {DEFAULT_MAX_BODY}; 413 beyond)",
    )
    serve.add_argument(
        "--time-limit",
        type=_positive(float),
        default=10.0,
        metavar="SECONDS",
        help="time one audit may take (default 10; 503 beyond)",
    )
    serve.add_argument(
        "--concurrency",
        type=_positive(int),
        default=2,
        metavar="N",
        help="audits running at once per worker (default 2)",
    )
    serve.add_argument(
        "--queue",
        type=int,
        default=16,
        metavar="N",
        help="audits that may wait for a slot per worker (default 16; 429 beyond)",
    )
    serve.add_argument("--language", metavar="CODE", help="the articles' expected language (default: detected)")
    serve.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    selection(serve)
    serve.set_defaults(run_serve=lambda args: run(args, resolve_config))


def settings_of(args: argparse.Namespace) -> ServeSettings:
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(args.host) and not token:
        raise ConfigError(
            f"--host {args.host} is reachable from other machines: give --token TOKEN "
            f"(or set {TOKEN_ENV}) so that requests must carry it"
        )
    if args.queue < 0:
        raise ConfigError("--queue is 0 or more")
    return ServeSettings(
        host=args.host,
        port=args.port,
        workers=int(args.workers),
        token=token,
        max_body=int(args.max_request),
        time_limit=float(args.time_limit),
        concurrency=int(args.concurrency),
        queue=args.queue,
    )


def cmd_serve(args: argparse.Namespace, resolve_config: Callable[[argparse.Namespace], Config]) -> int:
    settings = settings_of(args)
    config = resolve_config(args)  # rule packs load and selectors are checked before the port is bound
    try:
        import uvicorn

        from auditor.serve.app import CONFIG_ENV, SETTINGS_ENV, create_app
    except ImportError as exc:
        raise ConfigError(f"auditor serve needs the serve extra: pip install 'news-auditor[serve]' ({exc})") from None
    logging.basicConfig(
        level=args.log_level.upper(), stream=sys.stderr, format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    common = {
        "host": settings.host,
        "port": settings.port,
        "access_log": False,
        "log_level": args.log_level,
        "timeout_graceful_shutdown": settings.graceful,
        "server_header": False,
        "proxy_headers": False,
    }
    if settings.workers > 1:
        os.environ[CONFIG_ENV] = config_to_json(config)
        os.environ[SETTINGS_ENV] = settings.to_json()
        uvicorn.run("auditor.serve.app:worker_app", factory=True, workers=settings.workers, **common)
    else:
        uvicorn.run(create_app(config, settings), **common)
    print("auditor: serve stopped", file=sys.stderr)
    return EXIT_OK


def run(args: argparse.Namespace, resolve_config: Callable[[argparse.Namespace], Config]) -> int:
    """``cmd_serve``, with SIGTERM and Ctrl-C after uvicorn's graceful shutdown ending the run with 0."""
    from auditor.parallel import Terminated

    try:
        return cmd_serve(args, resolve_config)
    except (Terminated, KeyboardInterrupt):
        print("auditor: serve stopped", file=sys.stderr)
        return EXIT_OK
