"""`python -m local_stack` (and `make serve`): start moto in-process, create the template's
resources on it, serve the API over HTTP (`local_stack.http_server`) and write the demo workspaces.
The state is restored on start and kept saved while it runs (`local_stack.state_keeper`).

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
from local_stack.state_keeper import StateKeeper
from local_stack.state_snapshot import SnapshotRefused

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
           routes: Sequence[template.ApiRoute], demo_file: Path | None, state: str | None = None) -> str:
    width = max((len(r.method) for r in routes), default=6)
    lines = [
        "",
        "OptOut local stack",
        f"  API          {base_url}   ({len(routes)} routes from template.yaml)",
        f"  AWS (moto)   {moto_url}",
        f"  Resources    {', '.join(sorted(resources)) or 'none'}",
        "  Events       every stream and queue of template.yaml is pumped into its functions, as on Lambda",
    ]
    if demo_file is not None:
        lines.append(f"  Demo keys    {_display_path(demo_file)}")
    if state is not None:
        lines.append(f"  State        {state}")
    lines += [
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
        description="Serve template.yaml's API routes locally on an in-process moto backend "
                    "whose state is kept across restarts (.local/state).",
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
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="where the state is kept across restarts (default: a state folder "
                             "beside the demo file, .local/state)")
    parser.add_argument("--fresh", action="store_true",
                        help="start empty: forget the state kept in the state folder")
    return parser.parse_args(argv)


def _stop_on_signal(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    demo_file: Path | None = None if args.no_demo else args.demo_file
    if demo_file is not None:
        demo_file.unlink(missing_ok=True)  # rewritten once the stack is up (the e2e harness waits for it)
    state = _open_state(args)
    if state is None:
        return 1

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
    driver = None
    try:
        moto, moto_url = start_moto(args.moto_port)
        configure_environment(moto_url)  # before any handler or boto3 client exists

        import boto3

        names = state.create_resources(boto3.Session())  # the template's, with the saved state
        base_url = f"http://{_url_host(args.host)}:{server.server_address[1]}"
        # Carriers sign the URL they call (Twilio); here that is this server, not API Gateway.
        # Set before the layer is first imported (preload): optout.config reads the environment once.
        os.environ["WEBHOOK_BASE_URL"] = base_url
        # Outgoing webhooks may go to http://127.0.0.1 here, never in AWS (docs/webhooks.md).
        os.environ["WEBHOOKS_ALLOW_LOOPBACK"] = "true"
        server.api.preload()
        routes = server.api.router.routes
        print(banner(base_url, moto_url, names, routes, demo_file, state.describe()), flush=True)
        if demo_file is not None:
            _demo_workspaces(state, base_url, demo_file)
        driver = _start_event_sources(server, demo_file)
        state.watch(moto)
        state.start()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print(f"\nStopping the local stack; saving its state in {state.folder}.", flush=True)
    finally:
        server.server_close()
        if driver is not None:
            driver.stop()  # no function runs while the last state is saved
            _finish_pending(driver)
        if moto is not None:
            state.close()  # the last save, after the server has stopped writing
            moto.stop()
    return 0


def _finish_pending(driver: Any) -> None:
    """Hand the stream records and messages still waiting to their functions before the last save:
    a restored stream starts anew, so a record saved unprocessed would never be counted or published."""
    try:
        driver.drain(timeout=5.0)
    except Exception as exc:  # moto failing on the way down: the saved state is still consistent
        print(f"could not finish the pending stream records: {exc!r}", file=sys.stderr, flush=True)


def _open_state(args: argparse.Namespace) -> StateKeeper | None:
    """The saved state (cleared with --fresh); None after saying why none of it loads."""
    folder = args.state_dir or args.demo_file.parent / "state"
    try:
        return StateKeeper(folder).open(fresh=args.fresh)
    except (SnapshotRefused, OSError) as exc:
        print(f"cannot start from the saved state: {exc}", file=sys.stderr)
        return None


def _demo_workspaces(state: StateKeeper, base_url: str, demo_file: Path) -> None:
    """The restored demo workspaces (same keys), or new ones on an empty state."""
    if state.demo is not None:
        state.show_demo(base_url, demo_file)
        return
    from local_stack.demo import bootstrap_demo

    state.remember_demo(bootstrap_demo(base_url, demo_file=demo_file))


def _start_event_sources(server: LocalServer, demo_file: Path | None) -> Any:
    """Lambda's stream and queue pollers, in a background thread; it runs one function at a time
    with the HTTP server (the same lock), and tells `make report` what it has fed (beside the demo
    file)."""
    import boto3

    from local_stack.event_sources import STATUS_FILE, EventSourceDriver

    status = demo_file.parent / STATUS_FILE if demo_file is not None else None
    return EventSourceDriver(boto3.Session(), invoke_lock=server.api.invoke_lock, status_file=status).start()


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):  # noqa: S104 - listening everywhere; link to loopback
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


__all__ = ["DEFAULT_DEMO_FILE", "build_server", "main"]
