"""The FastAPI application: the editor's page, the JSON API and the health check.

``create_app(engine)`` builds the app around an :class:`~provenance.serve.engine.Engine`;
``provenance serve`` runs it under uvicorn.  Every response carries a
Content-Security-Policy that allows only this server's own script and styles (no inline
script, no outside resource); the article text reaches the page only through the
autoescaping report templates and ``textContent``.  See docs/serve.md.
"""

from __future__ import annotations

import json
import posixpath
import re
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from provenance import __version__
from provenance.errors import UserError
from provenance.policy.baseline import Baseline
from provenance.report import Finding
from provenance.serve.engine import Busy, Engine, NotReady, Outcome

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC = {  # name -> (package, file, media type): every asset ships in the package
    "report.css": ("provenance.render", "templates/report.css", "text/css; charset=utf-8"),
    "errors.js": ("provenance.render", "templates/errors.js", "text/javascript; charset=utf-8"),
    "serve.css": ("provenance.serve", "static/serve.css", "text/css; charset=utf-8"),
    "serve.js": ("provenance.serve", "static/serve.js", "text/javascript; charset=utf-8"),
}
JSON_OVERHEAD = 6  # a JSON string may spell each byte of text as \u00XX: the body limit allows for it
Format = Literal["text", "markdown", "html"]
ExportKind = Literal["json", "html", "sarif"]


# --- request and response bodies ------------------------------------------------------------


class CheckRequest(BaseModel):
    """An article to check."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the article (plain text, Markdown or HTML source)")
    name: str = Field("article.txt", min_length=1, max_length=500,
                      description="the document path written in the report (its suffix picks the format when "
                                  "`format` is not given); never opened")
    format: Format | None = Field(None, description="text, markdown or html (default: from the name, then sniffed)")
    baseline: Baseline | None = Field(None, description="a baseline (the file `provenance baseline` writes) to "
                                                        "apply after the configured one")


class ViewResponse(BaseModel):
    report: dict[str, Any] = Field(description="the report, as POST /api/check returns it")
    html: str = Field(description="the report page (the HTML report's template, without its inline style and "
                                   "scripts) the editor shows")
    findings_order: list[int] = Field(description="the report's findings in the order of the page's table")
    paragraphs: int = Field(description="paragraphs in the article")
    reused: int = Field(description="paragraphs whose parse was reused from the paragraph cache")
    seconds: float = Field(description="time the check took on the server")


class SuppressRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    at: int = Field(ge=0, description="where the comment goes: the flagged statement's start offset")
    codes: list[str] = Field(min_length=1, description="rule codes to suppress, e.g. [\"SRC201\"]")
    reason: str = Field(min_length=1, max_length=500, description="why (required by the suppression syntax)")


class SuppressResponse(BaseModel):
    text: str
    comment_end: int


class BaselineRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline: Baseline | None = None
    path: str = Field(min_length=1, description="the document path of the report the findings come from")
    findings: list[Finding] = Field(min_length=1)


class Health(BaseModel):
    status: Literal["ok", "loading", "error"]
    version: str
    model: str | None = None
    error: str | None = None


class ErrorBody(BaseModel):
    error: str


def _host_name(host: str) -> str:
    """The name of a Host header, without its port (``[::1]:8000`` -> ``[::1]``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


_INLINE = re.compile(r"<style>.*?</style>|<script>.*?</script>|<script type=\"application/json\"[^>]*>.*?</script>", re.DOTALL)


def page_fragment(html: str) -> str:
    """The report page without its inline style and scripts (the editor has its own, from
    /static; parsing them in the page would only trip its Content-Security-Policy).  The
    article text in the page is escaped, so these tags can only be the template's own."""
    return _INLINE.sub("", html)


def _asset(package: str, name: str) -> bytes:
    return (resources.files(package) / name).read_bytes()


def _page() -> str:
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("provenance.serve", "templates"), autoescape=True)
    from provenance.render.html import (
        CLASS_LABEL,
        CLASSES,
        VERDICT_HELP,
        VERDICT_LABEL,
        VERDICTS,
    )

    return env.get_template("page.html.jinja").render(
        version=__version__, VERDICTS=VERDICTS, VERDICT_LABEL=VERDICT_LABEL, VERDICT_HELP=VERDICT_HELP,
        CLASSES=CLASSES, CLASS_LABEL=CLASS_LABEL)


def _body_fields(schema: dict[str, Any], op: dict[str, Any]) -> list[tuple[str, str, bool, str]]:
    """(name, type, required, description) of an operation's JSON body, for the API page."""
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    ref = body.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        body = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
    required = set(body.get("required", []))
    out = []
    for name, prop in body.get("properties", {}).items():
        kinds = [prop.get("type")] + [alt.get("type") or alt.get("$ref", "").rsplit("/", 1)[-1]
                                      for alt in prop.get("anyOf", [])]
        kind = " | ".join(k for k in kinds if k) or "object"
        if "enum" in prop:
            kind = " | ".join(map(str, prop["enum"]))
        out.append((name, kind, name in required, prop.get("description", "")))
    return out


def _api_page(schema: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("provenance.serve", "templates"), autoescape=True)
    fields = {(path, method): _body_fields(schema, op)
              for path, ops in schema.get("paths", {}).items() for method, op in ops.items()}
    return env.get_template("api.html.jinja").render(schema=schema, version=__version__, fields=fields,
                                                     schema_json=json.dumps(schema, indent=2))


# --- the app ----------------------------------------------------------------------------------


def create_app(engine: Engine, *, load: bool = True, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app around ``engine``; with ``load``, the model loads in a background thread at
    start-up (``/healthz``: 503 until it is ready).  ``allowed_hosts``: the Host headers
    answered (others get 400), so that a web page cannot reach a loopback server through a
    DNS name of its own (DNS rebinding); None: any."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        if load and not engine.ready.is_set():
            import threading

            threading.Thread(target=engine.warm, name="provenance-model-load", daemon=True).start()
        yield

    app = FastAPI(
        title="provenance serve", version=__version__, lifespan=lifespan,
        description="The editor's page and JSON API of provenance: attribution chains, verdicts and findings "
                    "for an article. The report is the versioned report `provenance check --format json` writes.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /docs is ours
    )
    app.state.engine = engine
    allowed = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        err = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        return _error(422, f"{loc}: {err.get('msg', 'invalid')}")

    page_cache: dict[str, str] = {}

    @app.middleware("http")
    async def guard(request: Request, call_next):  # type: ignore[no-untyped-def]
        length = request.headers.get("content-length")
        limit = engine.max_bytes * JSON_OVERHEAD + 65536
        if allowed is not None and _host_name(request.headers.get("host", "")) not in allowed:
            response: Response = _error(400, "unexpected Host header (this server answers only to its loopback names)")
        elif length is not None and length.isdigit() and int(length) > limit:
            response = _error(413, f"request body of {length} bytes is larger than the limit "
                                             f"({engine.max_bytes}-byte article)")
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def run_check(body: CheckRequest) -> Outcome | JSONResponse:
        size = len(body.text.encode("utf-8"))
        if size > engine.max_bytes:
            return _error(413, f"{body.name} is larger than the {engine.max_bytes}-byte limit ({size} bytes); "
                               "raise max_bytes in the configuration to allow it")
        try:
            if not engine.ready.is_set():
                raise NotReady(engine.error)
            hit = engine.cached(body.text, body.name, body.format, body.baseline)
            if hit is not None:
                return hit
            engine.slots.admit()  # here, before a thread is taken: a full queue is refused at once
            try:
                return await run_in_threadpool(engine.check, body.text, body.name, body.format, body.baseline,
                                               admitted=True)
            finally:
                engine.slots.release()
        except NotReady as exc:
            if exc.error:
                return _error(503, f"the model could not be loaded: {exc.error}")
            return _error(503, "the model is still loading; retry shortly", {"Retry-After": "5"})
        except Busy as exc:
            return _error(503, "too many checks waiting; retry shortly", {"Retry-After": str(exc.retry_after)})
        except UserError as exc:
            return _error(422, str(exc))

    async def check_body(request: Request) -> CheckRequest | JSONResponse:
        """The JSON body, or a multipart upload (``file``, with optional ``name`` and ``format``)."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype == "multipart/form-data":
                form = await request.form(max_files=1, max_fields=8)
                upload = form.get("file")
                if upload is None or isinstance(upload, str):
                    return _error(422, "a multipart upload needs a 'file' field")
                data = await upload.read(engine.max_bytes + 1)
                if len(data) > engine.max_bytes:
                    return _error(413, f"{upload.filename or 'the upload'} is larger than the "
                                       f"{engine.max_bytes}-byte limit; raise max_bytes in the configuration")
                from provenance.ingest.reader import decode_bytes

                filename = posixpath.basename((upload.filename or "").replace("\\", "/"))
                name = str(form.get("name") or filename or "article.txt")  # written in the report, never opened
                try:
                    text = decode_bytes(data, name)
                except UserError as exc:
                    return _error(422, str(exc))
                fields: dict[str, Any] = {"text": text, "name": name}
                if form.get("format"):
                    fields["format"] = form.get("format")
                return CheckRequest.model_validate(fields)
            if ctype not in ("application/json", ""):
                return _error(415, "send JSON (application/json) or a multipart/form-data upload")
            raw = await request.body()
            return CheckRequest.model_validate_json(raw)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            loc = ".".join(str(p) for p in err["loc"]) or "body"
            return _error(422, f"{loc}: {err['msg']}")

    check_doc = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": CheckRequest.model_json_schema()},
                "multipart/form-data": {"schema": {
                    "type": "object", "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"},
                                   "name": {"type": "string"},
                                   "format": {"type": "string", "enum": ["text", "markdown", "html"]}}}},
            },
        },
    }
    errors_doc: dict[int | str, dict[str, Any]] = {
        413: {"model": ErrorBody, "description": "the article is larger than the size limit"},
        422: {"model": ErrorBody, "description": "an invalid request or article"},
        503: {"model": ErrorBody, "description": "the model is loading, or too many checks wait (see Retry-After)"},
    }

    @app.post("/api/check", summary="Check an article", openapi_extra=check_doc, responses={
        200: {"description": "the versioned report (as `provenance check --format json`)",
              "content": {"application/json": {}}}, **errors_doc})
    async def api_check(request: Request) -> Response:
        """Check one article; the report is byte for byte what `provenance check --format json` writes."""
        from provenance.render import render_json

        body = await check_body(request)
        if isinstance(body, JSONResponse):
            return body
        outcome = await run_check(body)
        if isinstance(outcome, JSONResponse):
            return outcome
        return Response(render_json(outcome.report), media_type="application/json")

    @app.post("/api/view", summary="Check an article for the page", response_model=ViewResponse, responses=errors_doc)
    async def api_view(body: CheckRequest) -> Any:
        """What the editor's page shows: the report and its page (the HTML report's template)."""
        from provenance.render import render_html, render_json
        from provenance.render._common import sorted_findings

        outcome = await run_check(body)
        if isinstance(outcome, JSONResponse):
            return outcome
        report = outcome.report

        def build() -> ViewResponse:  # rendering takes tens of milliseconds: not on the event loop
            ids = {id(f): i for i, f in enumerate(report.findings)}
            return ViewResponse(
                report=json.loads(render_json(report)),
                html=page_fragment(render_html(report, engine.rules, outcome.article.source_text)),
                findings_order=[ids[id(f)] for f in sorted_findings(report.findings)],
                paragraphs=outcome.stats.paragraphs, reused=outcome.stats.reused, seconds=round(outcome.seconds, 4),
            )

        return await run_in_threadpool(build)

    @app.post("/api/export/{kind}", summary="Download a report", responses={200: {"description": "the report file (attachment)"}, **errors_doc})
    async def api_export(kind: ExportKind, body: CheckRequest) -> Response:
        """The report of this text as a file: json, html (the self-contained report) or sarif."""
        from provenance.render import render_html, render_json, render_sarif

        outcome = await run_check(body)
        if isinstance(outcome, JSONResponse):
            return outcome
        report = outcome.report
        stem = posixpath.basename(body.name.replace("\\", "/")) or "article"
        if kind == "json":
            data, media, suffix = render_json(report), "application/json", ".provenance.json"
        elif kind == "html":
            data = await run_in_threadpool(render_html, report, engine.rules, outcome.article.source_text)
            media, suffix = "text/html; charset=utf-8", ".provenance.html"
        else:
            data, media, suffix = render_sarif(report, engine.rules), "application/sarif+json", ".sarif"
        filename = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in stem) + suffix
        return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @app.post("/api/suppress", summary="Insert a suppression comment", response_model=SuppressResponse, responses={422: errors_doc[422]})
    async def api_suppress(body: SuppressRequest) -> Any:
        """The text with a suppression comment (`<!-- provenance: ignore[CODE] reason="..." -->`, the
        syntax the CLI honours) inserted before the flagged statement."""
        from provenance.serve.actions import insert_suppression

        if len(body.text.encode("utf-8")) > engine.max_bytes:
            return _error(413, f"the text is larger than the {engine.max_bytes}-byte limit")
        try:
            text, end = insert_suppression(body.text, body.at, body.codes, body.reason)
        except UserError as exc:
            return _error(422, str(exc))
        return SuppressResponse(text=text, comment_end=end)

    @app.post("/api/baseline", summary="Add findings to a baseline", responses={200: {"description": "the baseline file (as `provenance baseline` "
                                                              "writes it)", "content": {"application/json": {}}},
                                          422: errors_doc[422]})
    async def api_baseline(body: BaselineRequest) -> Response:
        """Add findings to a baseline (or start one): the file `provenance check --baseline` reads."""
        from provenance.serve.actions import add_to_baseline

        baseline = add_to_baseline(body.baseline, body.path, body.findings)
        return Response(baseline.to_json(), media_type="application/json")

    @app.get("/api/sources", summary="Look up a source", responses={422: errors_doc[422], 503: errors_doc[503]})
    async def api_sources(q: str = Query(min_length=1, max_length=300, description="an outlet or official"),
                          country: str | None = Query(None, min_length=2, max_length=2,
                                                      description="country context, ISO 3166-1 alpha-2")) -> Any:
        """Look a source up in the registry (as `provenance sources lookup --format json`)."""
        checker = engine.checker
        if checker is None:
            return _error(503, "the registry is still loading; retry shortly", {"Retry-After": "5"})
        reg = checker.registry
        code = country.upper() if country else None
        if code is not None and reg.country_name(code) is None:
            return _error(422, f"unknown country code {country!r} (expected ISO 3166-1 alpha-2, e.g. KP)")
        match = reg.lookup(q, country=code)
        if match is None:
            match = reg.official(q, country=code)
        if match is None:
            out: dict[str, Any] = {"id": None, "name": None, "class": None, "country": None, "kind": None,
                                   "aliases": [], "score": 0.0, "match": None}
        else:
            out = match.to_dict()
        return {"query": q, "country_context": code, **out}

    @app.get("/healthz", summary="Readiness", response_model=Health, responses={503: {"model": Health, "description": "not ready"}})
    async def healthz() -> Any:
        """200 once the model is loaded; 503 while it loads (or when it failed to load)."""
        model = engine.checker.parser.model_id if engine.checker is not None else None
        if engine.ready.is_set():
            return Health(status="ok", version=__version__, model=model)
        status = "error" if engine.error else "loading"
        body = Health(status=status, version=__version__, model=model, error=engine.error)
        return JSONResponse(body.model_dump(), status_code=503, headers=None if engine.error else {"Retry-After": "5"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        if "page" not in page_cache:
            page_cache["page"] = _page()
        return HTMLResponse(page_cache["page"])

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(_api_page(app.openapi()))

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        entry = STATIC.get(name)
        if entry is None:
            return _error(404, "not found")
        package, path, media = entry
        return Response(_asset(package, path), media_type=media, headers={"Cache-Control": "no-cache"})

    return app
