"""`python -m local_stack` (and `make serve`): start moto in-process, create the template's
resources on it, serve the API over HTTP (`local_stack.http_server`) and write the demo workspaces.

Nothing here knows about a particular route: a new `Type: Api` event in the template is served as
soon as the stack restarts.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from local_stack import template
from local_stack.demo import DEFAULT_DEMO_FILE
from local_stack.environment import configure_environment
from local_stack.http_server import LocalApi, LocalServer
from local_stack.routing import template_router

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000


def build_server(host: str, port: int) -> LocalServer:
    """The HTTP server over template.yaml's routes, routed as the tests' `Api` routes them."""
    return LocalServer((host, port), LocalApi(template_router()))


def start_moto(port: int) -> tuple[Any, str]:
    """An in-process moto server on loopback; port 0 picks a free one."""
    from moto.server import ThreadedMotoServer

    from local_stack import moto_patches

    moto_patches.apply()  # transactions cost what DynamoDB's do (a big CSV import stays fast)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-call access lines
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    host, bound = moto.get_host_and_port()
    return moto, f"http://{host}:{bound}"


def banner(base_url: str, moto_url: str, resources: Iterable[str],
           routes: Sequence[template.ApiRoute], demo_file: Path | None) -> str:
    width = max((len(r.method) for r in routes), default=6)
    lines = [
        "",
        "OptOut local stack",
        f"  API          {base_url}   ({len(routes)} routes from template.yaml)",
        f"  AWS (moto)   {moto_url}",
        f"  Resources    {', '.join(sorted(resources)) or 'none'}",
    ]
    if demo_file is not None:
        lines.append(f"  Demo keys    {_display_path(demo_file)}")
    lines += [
        "  State lives in memory only: every contact, key and event is gone when this stops.",
        "  Access log on stderr (method, path, status, time); function logs (JSON) on stdout.",
        "",
        "  Routes:",
        *(f"    {r.method:<{width}}  {base_url}{r.path}" for r in routes),
        "",
        "  Press Ctrl-C to stop.",
        "",
    ]
    return "\n".join(lines)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m local_stack",
        description="Serve template.yaml's API routes locally on an in-memory moto backend.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help="API port (default %(default)s)")
    parser.add_argument("--moto-port", type=int, default=0, help="moto's port; 0 picks a free one")
    parser.add_argument("--demo-file", type=Path, default=DEFAULT_DEMO_FILE,
                        help="where to write the demo workspaces and their keys "
                             "(default .local/demo.json)")
    parser.add_argument("--no-demo", action="store_true", help="create no demo workspaces")
    return parser.parse_args(argv)


def _stop_on_signal(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    demo_file: Path | None = None if args.no_demo else args.demo_file
    if demo_file is not None:
        demo_file.unlink(missing_ok=True)  # nobody may read the last run's (now dead) keys

    try:
        server = build_server(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}; "
              "pick another port with --port", file=sys.stderr)
        return 1
    # Ctrl-C and `kill` stop it cleanly, also when started in the background (where SIGINT
    # starts out ignored) and while it is still starting.
    signal.signal(signal.SIGINT, _stop_on_signal)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    # Powertools warns on every invocation that records no metric; Lambda would not show it.
    warnings.filterwarnings("ignore", "No application metrics to publish")
    moto = None
    try:
        moto, moto_url = start_moto(args.moto_port)
        configure_environment(moto_url)  # before any handler or boto3 client exists

        import boto3

        names = template.create_resources(boto3.Session())
        base_url = f"http://{_url_host(args.host)}:{server.server_address[1]}"
        # Carriers sign the URL they call (Twilio); here that is this server, not API Gateway.
        # Set before the layer is first imported (preload): optout.config reads the environment once.
        os.environ["WEBHOOK_BASE_URL"] = base_url
        server.api.preload()
        routes = server.api.router.routes
        print(banner(base_url, moto_url, names, routes, demo_file), flush=True)
        if demo_file is not None:
            from local_stack.demo import bootstrap_demo

            bootstrap_demo(base_url, demo_file=demo_file)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\nStopping the local stack; its in-memory state is discarded.", flush=True)
    finally:
        server.server_close()
        if moto is not None:
            moto.stop()
    return 0


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):  # noqa: S104 - listening everywhere; link to loopback
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


__all__ = ["DEFAULT_DEMO_FILE", "build_server", "main"]
