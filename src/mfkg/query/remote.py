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

from mfkg.errors import MfkgError


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


def _challenge(url: str, timeout: float) -> str | None:
    """The server's WWW-Authenticate header for `url`, or None if it lets us in without one.
    A small GET first, so the large upload is never cut off mid-body by an authentication refusal."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=timeout) as resp:
            resp.read()
            return None
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.headers.get("WWW-Authenticate") if exc.code == 401 else None


def _authorization(method: str, url: str, challenge: str, user: str, password: str) -> str:
    import base64
    import hashlib
    import re
    import secrets

    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    params = dict(re.findall(r'(\w+)="?([^",]*)"?', rest))
    realm, nonce, qop = params.get("realm", ""), params.get("nonce", ""), params.get("qop", "")
    path = urllib.parse.urlsplit(url)
    uri = path.path + (f"?{path.query}" if path.query else "")

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()

    ha1, ha2 = md5(f"{user}:{realm}:{password}"), md5(f"{method}:{uri}")
    header = f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}"'
    if "auth" in qop.split(","):
        cnonce, nc = secrets.token_hex(8), "00000001"
        response = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        header += f', qop=auth, nc={nc}, cnonce="{cnonce}", response="{response}"'
    else:
        header += f', response="{md5(f"{ha1}:{nonce}:{ha2}")}"'
    if "opaque" in params:
        header += f', opaque="{params["opaque"]}"'
    if "algorithm" in params:
        header += f', algorithm={params["algorithm"]}'
    return header


def as_ntriples(path: Path) -> bytes:
    """A Turtle file's triples as N-Triples, which is Turtle with every IRI written whole. Virtuoso 7 keeps
    the backslash of an escaped local name (`model:x\\/variant\\/y` arrives as `.../x\\/variant\\/y`), so
    what goes to a remote store is written without prefixed names. A syntax error is one sentence (`MfkgError`)."""
    import pyoxigraph as ox

    from mfkg.rdf.oxio import ox_triples

    return bytes(ox.serialize(ox_triples(Path(path)), format=ox.RdfFormat.N_TRIPLES) or b"")


def push_graph(endpoint: str, graph: str, path: Path, *, timeout: float = 300.0) -> int:
    """PUT a Turtle file as the named graph `graph` (replacing it), sent as N-Triples (`as_ntriples`);
    returns the bytes sent."""
    data = as_ntriples(path)
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    headers = {"Content-Type": "text/turtle"}
    try:
        challenge = _challenge(url, timeout)
        if challenge:
            creds = credentials()
            if not creds:
                raise MfkgError(f"{endpoint} refused the upload: HTTP 401 (authentication required); "
                                "set MFKG_ENDPOINT_USER and MFKG_ENDPOINT_PASSWORD")
            headers["Authorization"] = _authorization("PUT", url, challenge, *creds)
        req = urllib.request.Request(url, data=data, method="PUT", headers=headers)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        hint = "; check MFKG_ENDPOINT_USER and MFKG_ENDPOINT_PASSWORD" if exc.code in (401, 403) else ""
        raise MfkgError(f"{endpoint} refused the upload: HTTP {exc.code} {detail[0][:200] if detail else exc.reason}{hint}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise MfkgError(f"cannot reach {endpoint} ({getattr(exc, 'reason', exc)}); check the URL") from None
    return len(data)
