"""`mfkg serve`: the graph as a read-only SPARQL 1.1 endpoint with linked-data pages.

Starlette on uvicorn over pyoxigraph, chosen by measurement (README, "SPARQL endpoint"): a
supervisor process (uvicorn's) holds the listening socket and keeps `workers` worker processes
alive, each with the store opened read-only. SIGTERM or Ctrl-C stops the workers gracefully
(requests in flight are answered, new connections refused) and then the supervisor; a worker also
ends if the supervisor dies.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from pathlib import Path

from mfkg.serve.app import CONFIG_ENV, Settings
from mfkg.serve.engine import negotiate
from mfkg.serve.guard import Limits

__all__ = ["serve", "Settings", "Limits", "negotiate", "is_loopback"]


def is_loopback(host: str) -> bool:
    """
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(build_dir: Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 30.0,
          limits: Limits | None = None, workers: int | None = None, public_base: str = "",
          cache_mb: int = 64, query_threads: int = 2) -> None:
    """Run the server until SIGTERM or Ctrl-C (blocks)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from mfkg.project import BuildFolder
    from mfkg.query.store import open_store

    open_store(build_dir)   # build or refresh the persisted store before the workers open it read-only
    settings = Settings(store=str(BuildFolder(Path(build_dir)).store / "oxigraph"), timeout=timeout,
                        limits=limits or Limits(), public_base=public_base.rstrip("/"), cache_mb=cache_mb,
                        query_threads=query_threads)
    os.environ[CONFIG_ENV] = settings.to_json()
    if not is_loopback(host):
        sys.stderr.write(f"warning: listening on {host}, not loopback: anyone who can reach this address can query "
                         "the graph\n")
    config = uvicorn.Config("mfkg.serve.app:create_app", factory=True, host=host, port=port,
                            workers=workers or os.cpu_count() or 2, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=int(timeout) + 5, backlog=2048, lifespan="on",
                            server_header=False, h11_max_incomplete_event_size=64 * 1024)
    sock = config.bind_socket()
    # Linux passes TCP_NODELAY on to accepted connections; asyncio cannot set it on sockets handed to
    # the workers (their protocol number is lost), and without it keep-alive answers wait ~40 ms for
    # the client's delayed ACK
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
