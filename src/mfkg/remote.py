"""Writing to a remote store: the Graph Store Protocol with HTTP digest or basic authentication.

Credentials are read from the environment (MFKG_ENDPOINT_USER, MFKG_ENDPOINT_PASSWORD) or from a
file named by MFKG_ENDPOINT_CREDENTIALS holding `user:password`; never from code or arguments.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .errors import MfkgError


def credentials() -> tuple[str, str] | None:
    path = os.environ.get("MFKG_ENDPOINT_CREDENTIALS")
    if path:
        try:
            user, _, password = Path(path).read_text(encoding="utf-8").strip().partition(":")
        except OSError as exc:
            raise MfkgError(f"{path}: cannot read the credentials file ({exc.strerror})") from None
        return user, password
    user = os.environ.get("MFKG_ENDPOINT_USER")
    if user:
        return user, os.environ.get("MFKG_ENDPOINT_PASSWORD", "")
    return None


def _opener(url: str) -> urllib.request.OpenerDirector:
    creds = credentials()
    handlers: list[urllib.request.BaseHandler] = []
    if creds:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, url, creds[0], creds[1])
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def push_graph(endpoint: str, graph: str, path: Path, *, timeout: float = 300.0) -> int:
    """PUT a Turtle file as the named graph `graph` (replacing it)."""
    data = Path(path).read_bytes()
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    req = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "text/turtle"})
    try:
        with _opener(endpoint).open(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        hint = "; set MFKG_ENDPOINT_USER and MFKG_ENDPOINT_PASSWORD" if exc.code in (401, 403) else ""
        raise MfkgError(f"{endpoint} refused the upload: HTTP {exc.code} {detail[0][:200] if detail else exc.reason}{hint}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise MfkgError(f"cannot reach {endpoint} ({getattr(exc, 'reason', exc)}); check the URL") from None
    return len(data)
