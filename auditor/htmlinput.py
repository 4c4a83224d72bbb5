"""HTML pages as the text a scraper keeps: the visible text, one paragraph per block element.

``visible_text`` parses the page with selectolax (lexbor, an HTML5 parser), drops what a
browser never shows as text (``<head>``, ``<script>``, ``<style>``, ``<noscript>``,
``<template>``, ``<svg>``, comments) and keeps everything else, navigation, footers,
share buttons and comment forms included: that residue is what the boilerplate rules
exist to report.  Every block element (``<p>``, ``<div>``, ``<li>``, ``<h1>``, table
rows, ...) becomes its own paragraph, separated by a blank line; ``<br>`` is a line
break; runs of white space collapse to one space except inside ``<pre>``; entities
are decoded.

Offsets in findings are code points into this visible text, which is also the text
the HTML and terminal reports show; they are not offsets into the markup (selectolax
does not expose source positions, so no byte range into the page is kept).

``article_text`` runs trafilatura first (``--extract``), for users who want the
article body only; it needs the ``extract`` extra.
"""

from __future__ import annotations

import re

from auditor.errors import AuditorError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Elements whose content is never shown as text.
HIDDEN = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "-comment",
        "!doctype",
        "audio",
        "video",
        "picture",
        "source",
        "track",
    }
)
#: Elements that start and end a paragraph.
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
        "option",
        "button",
        "label",
    }
)
#: Table cells: kept on their row's line, apart by a space.
CELLS = frozenset({"td", "th"})
_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def is_html(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)


def visible_text(html: str) -> str:
    """The page's visible text, paragraphs apart by blank lines (see the module docs)."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(html).root
    out: list[str] = []
    pending = 0  # 0: nothing, 1: line break, 2: paragraph break owed before the next text
    pre = 0  # depth inside <pre>
    # An explicit stack, not recursion: scraped pages nest thousands of elements deep.
    stack: list[tuple[object, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, leaving = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if leaving:
            if tag in BLOCKS:
                pending = 2
            elif tag in CELLS:
                out.append(" ")
            if tag == "pre":
                pre -= 1
            continue
        if tag == "-text":
            text = node.text_content or ""  # type: ignore[attr-defined]
            if not pre:
                text = _SPACE.sub(" ", text)
            if not text.strip() and not pre:
                if out and not out[-1].endswith((" ", "\n")) and not pending:
                    out.append(" ")
                continue
            if pending and out:
                _trim(out)
                out.append("\n\n" if pending == 2 else "\n")
            if (pending or not out or out[-1].endswith("\n")) and not pre:
                text = text.lstrip(" ")
            pending = 0
            out.append(text)
            continue
        if tag in HIDDEN:
            continue
        if tag == "br":
            pending = max(pending, 1)
            continue
        if tag in BLOCKS:
            pending = 2
        if tag == "pre":
            pre += 1
        stack.append((node, True))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    _trim(out)
    text = "".join(out)
    return text + "\n" if text else ""


def _trim(out: list[str]) -> None:
    """Drop spaces at the end of what is written so far (before a break, or at the end)."""
    while out and out[-1].endswith(" ") and not out[-1].endswith("\n"):
        stripped = out[-1].rstrip(" ")
        if stripped:
            out[-1] = stripped
            return
        out.pop()


def article_text(html: str) -> str | None:
    """The article body trafilatura finds in the page, one paragraph per line pair; None when it finds none."""
    try:
        import trafilatura
    except ImportError as exc:
        raise AuditorError(f"--extract needs trafilatura: pip install 'news-auditor[extract]' ({exc})") from None
    extracted = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=True, deduplicate=False, favor_recall=True
    )
    if not extracted or not extracted.strip():
        return None
    paragraphs = [p.strip() for p in extracted.splitlines() if p.strip()]
    return "\n\n".join(paragraphs) + "\n"


def extract_available() -> str | None:
    """Why ``--extract`` cannot run here, or None when it can (checked once, before a run starts)."""
    try:
        import trafilatura  # noqa: F401
    except ImportError as exc:
        return f"--extract needs trafilatura: pip install 'news-auditor[extract]' ({exc})"
    return None
