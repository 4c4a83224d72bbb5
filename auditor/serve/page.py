"""The editor's page at ``/`` and its two files: no external resource, a strict Content-Security-Policy.

The page is static (it holds no data); its script fetches ``/v1/check`` and ``/v1/fix`` and builds
the highlights with text nodes only, so nothing in an article can become markup.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
FILES = {
    "/": ("editor.html", "text/html; charset=utf-8"),
    "/static/editor.js": ("editor.js", "text/javascript; charset=utf-8"),
    "/static/editor.css": ("editor.css", "text/css; charset=utf-8"),
    # browsers ask for /favicon.ico whatever the page links: both answer with the same icon
    "/static/favicon.svg": ("favicon.svg", "image/svg+xml"),
    "/favicon.ico": ("favicon.svg", "image/svg+xml"),
}


@cache
def _read(name: str) -> bytes:
    return resources.files("auditor.serve").joinpath("static", name).read_bytes()


async def static_file(request: Request) -> Response:
    name, media_type = FILES[request.url.path]
    return Response(
        _read(name),
        media_type=media_type,
        headers={
            "Content-Security-Policy": CSP,
            "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY",
            "Cache-Control": "no-cache",
        },
    )


def routes() -> list[Route]:
    return [Route(path, static_file, methods=["GET", "HEAD"]) for path in FILES]
