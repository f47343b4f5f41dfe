"""The ASGI application one server worker runs (Starlette on uvicorn): the SPARQL 1.1 Protocol at
/sparql (with its Service Description), the VoID description, dereferenceable entity IRIs by
content negotiation, entity pages and the query workbench.

Each worker opens the persisted store read-only. A query runs in a thread (the engine releases the
GIL); when it passes the timeout the client gets 503 at once and the worker recycles itself
(graceful stop: the other requests in flight are answered; the supervisor starts a fresh worker),
which is what ends the runaway evaluation.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
import urllib.parse
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mfkg.serve.engine import GRAPH_TYPES, RESULT_TYPES, Answer, AnswerCache, answer, negotiate
from mfkg.serve.guard import Checked, Limits, Refused, check_query
from mfkg.serve.linked import LinkedData
from mfkg.serve.saved import GRAPH_FORMS, SavedRun, SavedRunner, drop_parameter_columns

# ?format= names, as many endpoints accept them beside Accept
FORMAT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
                "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples"}

CONFIG_ENV = "MFKG_SERVE_CONFIG"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@dataclass
class Settings:
    store: str                       # the persisted Oxigraph directory
    timeout: float = 30.0
    limits: Limits = field(default_factory=Limits)
    public_base: str = ""            # the server's own URL, for the service description
    query_threads: int = 2           # queries evaluated at once per worker process
    cache_mb: int = 64               # answers kept per worker (the store is read-only, so they stay right)

    def to_json(self) -> str:
        return json.dumps({"store": self.store, "timeout": self.timeout, "public_base": self.public_base,
                           "query_threads": self.query_threads, "cache_mb": self.cache_mb,
                           "limits": {**self.limits.__dict__, "allow_service": list(self.limits.allow_service)}})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        raw = json.loads(text)
        lim = raw.pop("limits")
        return cls(limits=Limits(**{**lim, "allow_service": tuple(lim["allow_service"])}), **raw)


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    end = "" if message.endswith("?") else "."
    return Response(message.rstrip(".") + end + "\n", status, media_type="text/plain; charset=utf-8",
                    headers={**SECURITY_HEADERS, **(headers or {})})


def _form(raw: bytes) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(raw.decode("ascii"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "the request parameters are not valid URL-encoded UTF-8") from None


class Endpoint:
    def __init__(self, settings: Settings):
        import pyoxigraph as ox

        self.settings = settings
        self.store = ox.Store.read_only(settings.store)
        self.linked = LinkedData(self.store, settings)
        self.saved = SavedRunner(self.store)
        self.recycling = False
        self.server: Any = None       # the uvicorn Server running this worker, found at start-up
        self.slots = asyncio.Semaphore(settings.query_threads)
        self.cache = AnswerCache(settings.cache_mb * 1_000_000)

    # ------------------------------------------------------------------ protocol
    async def sparql(self, request: Request) -> Response:
        try:
            query = await self._query_text(request)
            if query is None:   # no query: the service description (SPARQL 1.1 Service Description)
                return self.linked.service_description(request)
            checked = check_query(query, self.settings.limits)
            is_graph = checked.form in ("construct", "describe")
            choices = GRAPH_TYPES if is_graph else RESULT_TYPES
            asked = _form(request.scope.get("query_string", b"")).get("format", [""])[0].strip().lower()
            if asked:   # ?format= as many endpoints accept it beside Accept
                fmt = FORMAT_NAMES.get(asked) if FORMAT_NAMES.get(asked) in choices.values() else None
                if fmt is None:
                    names = sorted(k for k, v in FORMAT_NAMES.items() if v in choices.values())
                    raise Refused(406, f"format={asked} cannot be given for this query; use one of {', '.join(names)}")
            else:
                fmt = negotiate(request.headers.get("accept", ""), choices, "turtle" if is_graph else "json")
            if fmt is None:
                raise Refused(406, "none of the media types in the Accept header can be produced for this query")
            return await self._run(checked, fmt)
        except Refused as exc:
            return text_response(exc.status, exc.message)

    async def _query_text(self, request: Request) -> str | None:
        limits = self.settings.limits
        if request.method in ("GET", "HEAD"):
            params = _form(request.scope.get("query_string", b""))
            if "update" in params:
                raise Refused(403, "updates are not allowed: this endpoint is read-only")
            return params["query"][0] if "query" in params else None
        body, seen = bytearray(), 0
        async for chunk in request.stream():   # read to the end even when too large: a reply sent
            seen += len(chunk)                 # before the body is read would reset the connection
            if seen <= limits.max_body_bytes:
                body += chunk
            elif seen > 64 * limits.max_body_bytes:
                break
        if seen > limits.max_body_bytes:
            raise Refused(413, f"the request body is larger than {limits.max_body_bytes:,} bytes")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            raise Refused(403, "updates are not allowed: this endpoint is read-only")
        if ctype == "application/sparql-query":
            try:
                return bytes(body).decode("utf-8")
            except UnicodeDecodeError:
                raise Refused(400, "the query is not valid UTF-8") from None
        if ctype == "application/x-www-form-urlencoded":
            params = _form(bytes(body))
            if "update" in params:
                raise Refused(403, "updates are not allowed: this endpoint is read-only")
            if "query" not in params:
                raise Refused(400, "the form has no 'query' parameter")
            return params["query"][0]
        raise Refused(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")

    async def saved_query(self, request: Request) -> Response:
        """A saved question by name, its parameters from the query string, names resolved (see `serve.saved`)."""
        name = request.path_params.get("name", "")
        if not name:
            return Response(self.saved.listing(), 200, media_type="application/json", headers=SECURITY_HEADERS)
        try:
            values = {k: v[-1] for k, v in _form(request.scope.get("query_string", b"")).items() if k != "format"}
            run = await asyncio.to_thread(self.saved.prepare, name, values, self.settings.limits)
            if run.form in GRAPH_FORMS:
                fmt = negotiate(request.headers.get("accept", ""), GRAPH_TYPES, "turtle")
                if fmt is None:
                    raise Refused(406, "this saved question builds a graph: ask for text/turtle or application/n-triples")
            else:
                fmt = "json"
            checked = Checked(run.text, run.form, run.capped, run.query.text)
            response = await self._run(checked, fmt, run)
        except Refused as exc:
            return text_response(exc.status, exc.message)
        if response.status_code == 200 and fmt == "json" and run.form == "select":
            response.body = drop_parameter_columns(bytes(response.body), list(run.bindings))
            response.headers["content-length"] = str(len(response.body))
        return response

    async def _run(self, checked: Checked, fmt: str, saved: SavedRun | None = None) -> Response:
        key = (saved.key if saved else checked.text, fmt)
        cached = self.cache.get(key)
        if cached is not None:
            return self._response(cached)
        timeout = self.settings.timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:   # a few queries at a time per worker: more would only share the same cores
            await asyncio.wait_for(self.slots.acquire(), timeout)
        except TimeoutError:
            return text_response(503, f"the server is busy: no query slot came free within {timeout:g} s; try again")
        task = asyncio.ensure_future(asyncio.to_thread(answer, self.store, checked, fmt, self.settings.limits,
                                                       saved.bindings if saved else None))
        task.add_done_callback(lambda _: self.slots.release())
        try:
            result = await asyncio.wait_for(asyncio.shield(task), max(0.001, deadline - loop.time()))
        except TimeoutError:
            self.recycle()
            return text_response(503, f"the query timed out after {timeout:g} s; simplify it or add a LIMIT")
        except Refused as exc:
            return text_response(exc.status, exc.message)
        self.cache.put(key, result)
        return self._response(result)

    @staticmethod
    def _response(result: Answer) -> Response:
        headers = dict(SECURITY_HEADERS)
        if result.truncated:
            headers["X-MFKG-Truncated"] = "true"
        return Response(result.body, 200, media_type=result.media_type, headers=headers)

    def recycle(self) -> None:
        """Stop this worker gracefully; the supervisor replaces it. It first stops accepting and lets
        connections it has just accepted deliver their requests, so none is closed unanswered."""
        if self.recycling:
            return
        self.recycling = True
        server = self.server
        if server is None:
            os.kill(os.getpid(), signal.SIGTERM)
            return
        for listener in getattr(server, "servers", []):
            listener.close()

        async def later() -> None:
            await asyncio.sleep(0.5)
            server.should_exit = True

        self._recycle_task = asyncio.ensure_future(later())

    # ------------------------------------------------------------------ pages and linked data
    async def other(self, request: Request) -> Response:
        try:
            return await asyncio.to_thread(self.linked.resolve, request)
        except Refused as exc:
            return text_response(exc.status, exc.message)


def _running_server() -> Any:
    """The uvicorn Server of this process (uvicorn offers no handle to the application)."""
    import gc

    import uvicorn

    return next((o for o in gc.get_objects() if isinstance(o, uvicorn.Server)), None)


def _die_with_parent() -> None:
    """Linux: end this worker if the supervisor process dies without stopping it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def build_app(settings: Settings) -> Starlette:
    endpoint = Endpoint(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        endpoint.server = _running_server()
        yield
        # a query thread abandoned after its timeout must not keep the process alive
        threading.Timer(2.0, os._exit, (0,)).start()

    routes = [Route("/sparql", endpoint.sparql, methods=["GET", "POST", "HEAD"]),
              Route("/saved", endpoint.saved_query, methods=["GET", "HEAD"]),
              Route("/saved/{name}", endpoint.saved_query, methods=["GET", "HEAD"]),
              Route("/{path:path}", endpoint.other, methods=["GET", "HEAD"])]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.endpoint = endpoint
    return app


def create_app() -> Starlette:
    """The factory uvicorn calls in every worker; the settings come from the supervisor's environment."""
    _die_with_parent()
    text = os.environ.get(CONFIG_ENV)
    if not text:
        raise RuntimeError(f"{CONFIG_ENV} is not set; start the server with 'mfkg serve'")
    return build_app(Settings.from_json(text))


__all__ = ["Settings", "build_app", "create_app"]
