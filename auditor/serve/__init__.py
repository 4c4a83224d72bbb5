"""``auditor serve``: auditor as an HTTP service for CMSs, ingest pipelines and LanguageTool clients.

A small Starlette app assembled from small routes and middleware (``app.create_app``):

* ``/v1/check``, ``/v1/fix``, ``/v1/batch``, ``/v1/rules``: auditor's own API, answering with the
  JSON report's file objects (``api``);
* ``/v2/check``, ``/v2/languages``: LanguageTool's HTTP API, so its clients work unchanged
  (``languagetool``);
* ``/``: the editor's page (``page``); ``/healthz`` and ``/metrics`` (``metrics``).

Every audit passes through one ``Gate`` (bounded concurrency, a bounded queue, a time limit);
``middleware`` limits request sizes, checks the bearer token and logs one line per request.
Requests never name files: the service reads only the text sent to it.  Starlette and uvicorn
come with the ``serve`` extra; nothing here is imported by ``auditor check``.
"""
