"""Run a local web server with the editor's page (paste or open an article, see each statement's
verdict and chain, act on findings) and the JSON API (POST /api/check, GET /api/sources, GET
/healthz; described at /docs). The model loads once at start-up. Binds 127.0.0.1 by default: the
page has no authentication."""

from __future__ import annotations

import argparse
import sys

from provenance.cli.common import add_command, add_common_options, add_policy_options, require_extra, whole_number

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 < n < 65536:
        raise argparse.ArgumentTypeError(f"a port is 1-65535, got {n}")
    return n


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "serve", "the editor's page: paste or edit an article, see its chains and findings as you type", __doc__)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; any other "
                                                        "address exposes the page, which has no authentication)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    add_policy_options(p)
    p.add_argument("--queue", type=whole_number(0), default=8, metavar="N",
                   help="checks that may wait while one runs (default 8); more get 503 with Retry-After")
    add_common_options(p)
    p.set_defaults(func=run, model=None)


def run(args: argparse.Namespace) -> int:
    from loguru import logger

    require_extra("serve", "serve", "uvicorn", "fastapi")
    import uvicorn

    from provenance.serve.app import create_app
    from provenance.serve.engine import Engine, ServeOptions

    engine = Engine(ServeOptions(rules=list(args.rules or []), config=args.config, model=args.model,
                                 queue=args.queue))
    engine.prepare()  # a bad config, rule or baseline file: exit 2 before listening
    if args.host not in LOOPBACK:
        logger.warning(f"listening on {args.host}: the page has no authentication; anyone who can reach "
                       "this address can use it")
    sock = _bind(args.host, args.port)  # bound here: a taken port is a one-line error, exit 2
    shown = f"[{args.host}]" if ":" in args.host else args.host
    sys.stderr.write(f"provenance serve: http://{shown}:{args.port}/ (API description at /docs; "
                     "the model loads in the background, /healthz says when it is ready; Ctrl-C stops)\n")
    level = "info" if args.verbose else "warning"
    hosts = LOOPBACK_NAMES if args.host in LOOPBACK else None  # loopback: refuse other Host names (DNS rebinding)
    config = uvicorn.Config(create_app(engine, allowed_hosts=hosts), host=args.host, port=args.port, log_level=level,
                            access_log=bool(args.verbose), server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _bind(host: str, port: int):  # type: ignore[no-untyped-def]  # socket.socket
    import socket

    from provenance.errors import UserError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock
