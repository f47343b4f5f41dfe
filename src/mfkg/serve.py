"""`mfkg serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback, with an offline query page.

Queries run in worker processes over the persisted Oxigraph store (opened read-only), so a query
that exceeds the timeout is stopped by ending its process, and the server keeps answering.
Updates are refused. SELECT results are capped at `max_rows`; the cap is reported in the
`X-MFKG-Truncated` header.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import queue
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from mfkg.errors import MfkgError
from mfkg.query.terms import ResultTable

RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples"}
# ?format= names, as many endpoints accept them beside Accept
FORMAT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
                "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples"}


# ------------------------------------------------------------------------------ serialisers
def results_json(t: ResultTable, truncated: bool = False) -> bytes:
    return json.dumps(t.to_json(), ensure_ascii=False).encode("utf-8")


def results_xml(t: ResultTable, truncated: bool = False) -> bytes:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{xml_escape(v)}"/>' for v in t.variables]
    out += ["</head>", "<results>"]
    for row in t.rows:
        out.append("<result>")
        for v, term in zip(t.variables, row):
            if term is None:
                continue
            if term.kind == "uri":
                inner = f"<uri>{xml_escape(term.value)}</uri>"
            elif term.kind == "bnode":
                inner = f"<bnode>{xml_escape(term.value)}</bnode>"
            elif term.lang:
                inner = f'<literal xml:lang="{xml_escape(term.lang)}">{xml_escape(term.value)}</literal>'
            elif term.datatype:
                inner = f'<literal datatype="{xml_escape(term.datatype)}">{xml_escape(term.value)}</literal>'
            else:
                inner = f"<literal>{xml_escape(term.value)}</literal>"
            out.append(f'<binding name="{xml_escape(v)}">{inner}</binding>')
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode("utf-8")


def results_csv(t: ResultTable, truncated: bool = False) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(t.variables)
    for row in t.rows:
        w.writerow(["" if x is None else x.value for x in row])
    return buf.getvalue().encode("utf-8")


def results_tsv(t: ResultTable, truncated: bool = False) -> bytes:
    lines = ["\t".join(f"?{v}" for v in t.variables)]
    for row in t.rows:
        lines.append("\t".join("" if x is None else x.n3() for x in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


SERIALISERS = {"json": results_json, "xml": results_xml, "csv": results_csv, "tsv": results_tsv}
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}


def negotiate(accept: str, choices: dict[str, str], default: str) -> str | None:
    if not accept or accept.strip() in ("*/*", ""):
        return default
    best: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if media in choices:
            best.append((-q, i, choices[media]))
        elif media in ("*/*", "application/*", "text/*"):
            best.append((-q, i, default))
    best = [b for b in best if b[0] < 0]
    return sorted(best)[0][2] if best else None


# ------------------------------------------------------------------------------ workers
def _worker(build_dir: str, inbox: Any, outbox: Any) -> None:
    """Runs in its own process: answers queries from `inbox` until told to stop."""
    from mfkg.query.store import open_store

    store = open_store(build_dir)
    while True:
        job = inbox.get()
        if job is None:
            return
        query, fmt, max_rows = job
        from mfkg.query.adhoc import prefix_header

        header = prefix_header(query)
        try:
            import pyoxigraph as ox

            res = store._run(header + query, None, True)
            if isinstance(res, ox.QuerySolutions):
                variables = [v.value for v in res.variables]
                rows, truncated = [], False
                from mfkg.query.store import _from_ox

                for i, sol in enumerate(res):
                    if i >= max_rows:
                        truncated = True
                        break
                    rows.append(tuple(_from_ox(sol[v]) for v in variables))
                body = SERIALISERS[fmt if fmt in SERIALISERS else "json"](ResultTable(variables, rows))
                outbox.put(("ok", MEDIA.get(fmt, MEDIA["json"]), body, truncated))
            elif isinstance(res, ox.QueryBoolean):
                outbox.put(("ok", MEDIA["json"], json.dumps({"head": {}, "boolean": bool(res)}).encode(), False))
            else:
                gfmt = ox.RdfFormat.N_TRIPLES if fmt == "ntriples" else ox.RdfFormat.TURTLE
                data = ox.serialize(list(res), format=gfmt)
                outbox.put(("ok", "application/n-triples" if fmt == "ntriples" else "text/turtle", data, False))
        except SyntaxError as exc:
            from mfkg.query.sparql_errors import readable

            outbox.put(("syntax", "text/plain", readable(str(exc), query, header).encode(), False))
        except MfkgError as exc:   # the store's own syntax error, already a sentence
            from mfkg.query.sparql_errors import readable

            outbox.put(("syntax", "text/plain", readable(str(exc).removeprefix("SPARQL syntax error: "), query, header).encode(),
                        False))
        except Exception as exc:  # a query the engine cannot run
            outbox.put(("error", "text/plain", f"query failed: {exc}".encode(), False))


class WorkerPool:
    """A fixed number of query processes; a process whose query times out is ended and replaced."""

    def __init__(self, build_dir: Path, size: int = 2):
        self.build_dir = str(build_dir)
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue[tuple[Any, Any, Any]] = queue.Queue()
        for _ in range(size):
            self.idle.put(self._spawn())

    def _spawn(self) -> tuple[Any, Any, Any]:
        inbox, outbox = self.ctx.Queue(), self.ctx.Queue()
        proc = self.ctx.Process(target=_worker, args=(self.build_dir, inbox, outbox), daemon=True)
        proc.start()
        return proc, inbox, outbox

    def run(self, query: str, fmt: str, timeout: float, max_rows: int) -> tuple[str, str, bytes, bool]:
        proc, inbox, outbox = self.idle.get()
        inbox.put((query, fmt, max_rows))
        try:
            result = outbox.get(timeout=timeout)
            self.idle.put((proc, inbox, outbox))
            return result
        except queue.Empty:
            proc.kill()
            proc.join(5)
            self.idle.put(self._spawn())
            return ("timeout", "text/plain", f"query timed out after {timeout:g} s".encode(), False)

    def close(self) -> None:
        while not self.idle.empty():
            proc, inbox, _ = self.idle.get_nowait()
            inbox.put(None)
            proc.join(2)
            if proc.is_alive():
                proc.kill()


# ------------------------------------------------------------------------------ HTTP
def query_page(saved: list[dict[str, str]]) -> bytes:
    data = json.dumps(saved, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>mfkg SPARQL endpoint</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-columns:320px 1fr;height:100vh}
aside{overflow:auto;border-right:1px solid #e2e8f0;padding:8px}main{padding:10px;overflow:auto}
textarea{width:100%;height:240px;font:13px monospace}button.q{display:block;text-align:left;background:none;border:0;color:#1d4ed8;cursor:pointer;padding:3px 0;font:inherit}
table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #e2e8f0;padding:3px 6px;text-align:left;vertical-align:top}#err{color:#b91c1c;white-space:pre-wrap}</style>
</head><body><aside><h2>Saved queries</h2><div id="saved"></div></aside><main>
<h1>mfkg SPARQL endpoint</h1><p>POST or GET <code>/sparql</code> (SPARQL 1.1 Protocol); read-only.</p>
<textarea id="q" aria-label="query">SELECT ?model ?year WHERE { ?m a &lt;https://w3id.org/mfkg/vocab/Model&gt; ; &lt;http://www.w3.org/2000/01/rdf-schema#label&gt; ?model ; &lt;https://w3id.org/mfkg/vocab/releaseYear&gt; ?year } ORDER BY ?year LIMIT 20</textarea>
<div id="params"></div><p><button id="run">Run</button> <span id="status"></span></p><div id="err"></div><div id="out"></div></main>
<script type="application/json" id="saved-data">__DATA__</script>
<script>(function(){"use strict";
var saved=JSON.parse(document.getElementById("saved-data").textContent),box=document.getElementById("saved");
function el(t,x){var e=document.createElement(t);if(x!==undefined)e.textContent=x;return e;}
var pbox=document.getElementById("params");
function bind(s){var u="bind?name="+encodeURIComponent(s.name);pbox.querySelectorAll("input").forEach(function(i){u+="&"+encodeURIComponent(i.name)+"="+encodeURIComponent(i.value);});
return fetch(u).then(function(r){return r.text().then(function(t){if(!r.ok){throw new Error(t);}document.getElementById("q").value=t;});});}
function pick(s){document.getElementById("q").value=s.text;pbox.textContent="";
(s.params||[]).forEach(function(p){var l=el("label",p.name+" ("+p.accepts+") "),i=el("input");i.name=p.name;i.value=p.default||"";l.appendChild(i);pbox.appendChild(l);pbox.appendChild(el("br"));});
if((s.params||[]).length){var b=el("button","Bind and run");b.addEventListener("click",function(){bind(s).then(run,function(e){document.getElementById("err").textContent=e.message;});});pbox.appendChild(b);}
run();}
saved.forEach(function(s){var b=el("button",s.title);b.className="q";b.title=s.name;b.addEventListener("click",function(){pick(s);});box.appendChild(b);});
function run(){var st=document.getElementById("status"),out=document.getElementById("out"),err=document.getElementById("err");
st.textContent="running…";out.textContent="";err.textContent="";
fetch("sparql",{method:"POST",headers:{"Content-Type":"application/sparql-query","Accept":"application/sparql-results+json"},body:document.getElementById("q").value})
.then(function(r){return r.text().then(function(t){return [r,t];});}).then(function(p){var r=p[0],t=p[1];
if(!r.ok){st.textContent="";err.textContent=t;return;}var j=JSON.parse(t);
if(j.boolean!==undefined){st.textContent=String(j.boolean);return;}
var tb=el("table"),h=el("tr");j.head.vars.forEach(function(v){h.appendChild(el("th",v));});tb.appendChild(h);
j.results.bindings.forEach(function(b){var tr=el("tr");j.head.vars.forEach(function(v){tr.appendChild(el("td",b[v]?b[v].value:""));});tb.appendChild(tr);});
out.appendChild(tb);st.textContent=j.results.bindings.length+" rows"+(r.headers.get("X-MFKG-Truncated")?" (truncated)":"");});}
document.getElementById("run").addEventListener("click",run);})();</script></body></html>"""
    return page.replace("__DATA__", data).encode("utf-8")


def make_handler(pool: WorkerPool, page: bytes, timeout: float, max_rows: int,
                 binder: Any = None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "mfkg"

        def log_message(self, fmt: str, *args: Any) -> None:  # quiet; one line per request to stderr
            import sys

            sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

        def _send(self, code: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, code: int, message: str) -> None:
            self._send(code, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path in ("/", "/index.html"):
                return self._send(200, "text/html; charset=utf-8", page)
            if url.path == "/bind" and binder is not None:
                values = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
                try:
                    return self._send(200, "text/plain; charset=utf-8", binder(values.pop("name", ""), values).encode("utf-8"))
                except MfkgError as exc:
                    return self._error(400, str(exc))
            if url.path != "/sparql":
                return self._error(404, "not found; the endpoint is /sparql")
            params = urllib.parse.parse_qs(url.query)
            if "update" in params:
                return self._error(403, "updates are not allowed: this endpoint is read-only")
            if "query" not in params:
                return self._error(400, "missing 'query' parameter")
            self._answer(params["query"][0], params.get("format", [""])[0])

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/sparql":
                return self._error(404, "not found; the endpoint is /sparql")
            length = int(self.headers.get("Content-Length") or 0)
            if length > 1_000_000:
                return self._error(413, "query too large")
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return self._error(403, "updates are not allowed: this endpoint is read-only")
            asked = urllib.parse.parse_qs(url.query).get("format", [""])[0]
            if ctype == "application/sparql-query":
                return self._answer(body, asked)
            if ctype == "application/x-www-form-urlencoded":
                params = urllib.parse.parse_qs(body)
                if "update" in params:
                    return self._error(403, "updates are not allowed: this endpoint is read-only")
                if "query" in params:
                    return self._answer(params["query"][0], params.get("format", [asked])[0])
                return self._error(400, "missing 'query' parameter")
            return self._error(415, "send application/sparql-query or application/x-www-form-urlencoded")

        def _answer(self, query: str, asked: str = "") -> None:
            import re

            from mfkg.query.store import _mask_strings_and_comments

            masked = _mask_strings_and_comments(query)
            if re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b\s", masked, re.IGNORECASE) and \
                    not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked, re.IGNORECASE):
                return self._error(403, "updates are not allowed: this endpoint is read-only")
            is_graph = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", masked, re.IGNORECASE) is not None
            choices = GRAPH_TYPES if is_graph else RESULT_TYPES
            if asked:
                fmt = FORMAT_NAMES.get(asked.lower()) or choices.get(asked.lower())
                if fmt not in choices.values():
                    names = sorted(k for k, v in FORMAT_NAMES.items() if v in choices.values())
                    return self._error(406, f"format={asked} cannot be given for this query; use one of {', '.join(names)}")
            else:
                fmt = negotiate(self.headers.get("Accept", ""), choices, "turtle" if is_graph else "json")
            if fmt is None:
                return self._error(406, "cannot produce any of the accepted media types")
            status, ctype, body, truncated = pool.run(query, fmt, timeout, max_rows)
            if status == "ok":
                return self._send(200, ctype, body, {"X-MFKG-Truncated": "true"} if truncated else None)
            if status == "timeout":
                return self._send(503, "text/plain; charset=utf-8", body)
            return self._send(400, "text/plain; charset=utf-8", body)

        do_HEAD = do_GET

    return Handler


def make_server(build_dir: Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 30.0,
                max_rows: int = 10000, workers: int = 2) -> tuple[ThreadingHTTPServer, WorkerPool]:
    from mfkg.query.saved import SavedQueries, make_resolver
    from mfkg.query.store import RemoteStore, open_store

    store = open_store(build_dir)   # build or refresh the persisted store before workers open it read-only
    catalogue = SavedQueries.load()
    resolver = make_resolver(store)

    def binder(name: str, values: dict[str, str]) -> str:
        """A saved query's text with the page's values bound (names resolved, values escaped)."""
        q = catalogue.get(name)
        return RemoteStore.with_values(q.text, q.bindings(values, resolver)) if q.params else q.text

    saved = []
    for q in catalogue.queries.values():
        text = RemoteStore.with_values(q.text, q.bindings({})) if q.params else q.text   # defaults, escaped
        saved.append({"name": q.name, "title": q.title, "text": text,
                      "params": [{"name": p.name, "accepts": p.shown_type(), "default": p.default or ""} for p in q.params]})
    pool = WorkerPool(build_dir, workers)
    server = ThreadingHTTPServer((host, port), make_handler(pool, query_page(saved), timeout, max_rows, binder))
    server.daemon_threads = True
    return server, pool


def serve(build_dir: Path, host: str, port: int, timeout: float, max_rows: int) -> None:
    server, pool = make_server(build_dir, host, port, timeout=timeout, max_rows=max_rows)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        pool.close()


def start_in_thread(build_dir: Path, **kwargs: Any) -> tuple[ThreadingHTTPServer, WorkerPool, threading.Thread]:
    server, pool = make_server(build_dir, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, pool, thread


__all__ = ["serve", "make_server", "start_in_thread", "negotiate"]
