"""Demo workspaces for the local stack: two workspaces, each with an admin and a member key.

They are written to `.local/demo.json` (git-ignored) and printed with example `curl` commands.
The keys are local keys of the local stack (kept with its saved state until `make serve FRESH=1`),
printed on the console on purpose; they never go through the Powertools logger.

A later feature seeds more per workspace (inboxes, …) by appending to `DEMO_SEEDERS`: each seeder
is called with the workspace's dict after its keys exist and may add to it, e.g. append to
`workspace["inboxes"]`. What a seeder adds must be JSON-serialisable.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from local_stack import lambdas
from local_stack.template import ROOT

DEMO_WORKSPACES = ("Demo Dental", "Demo Fitness")
DEFAULT_DEMO_FILE = ROOT / ".local" / "demo.json"

DemoSeeder = Callable[[dict[str, Any]], None]
DEMO_SEEDERS: list[DemoSeeder] = []

EXAMPLE_PHONE = "+14155550123"


def create_demo_workspace(name: str) -> dict[str, Any]:
    """One workspace with its bootstrap admin key and a member key, through the accounts service."""
    lambdas.use_layer()
    from optout.models import Role
    from optout.services import accounts

    workspace, _, admin_key = accounts.create_workspace(name)
    _, member_key = accounts.create_api_key_for(workspace.id, "demo member", Role.MEMBER)
    return {
        "id": workspace.id,
        "name": workspace.name,
        "admin_key": admin_key,
        "member_key": member_key,
        "inboxes": [],
    }


def bootstrap_demo(
    base_url: str,
    *,
    demo_file: Path | None = DEFAULT_DEMO_FILE,
    out: TextIO | None = None,
) -> dict[str, Any]:
    """Create the demo workspaces, run every seeder, write `demo_file` and print a summary.

    Call it in the local stack's process, after its AWS environment points at moto.
    """
    workspaces = []
    for name in DEMO_WORKSPACES:
        workspace = create_demo_workspace(name)
        for seed in DEMO_SEEDERS:
            seed(workspace)
        workspaces.append(workspace)
    # moto_url: where `make report` finds this stack's AWS (the stack points AWS_ENDPOINT_URL there).
    demo = {"base_url": base_url, "moto_url": os.environ.get("AWS_ENDPOINT_URL"), "workspaces": workspaces}
    if demo_file is not None:
        write_demo_file(demo, demo_file)
    print(describe(demo, demo_file), file=out or sys.stdout, flush=True)
    return demo


def write_demo_file(demo: dict[str, Any], path: Path) -> None:
    """Write atomically (readers never see half a file), readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(demo, handle, indent=2)
        handle.write("\n")
    os.replace(partial, path)


def describe(demo: dict[str, Any], demo_file: Path | None = None) -> str:
    """The console summary: the workspaces and their keys, then a few `curl` examples."""
    lines = ["Demo workspaces (local keys, kept with the stack's state until `make serve FRESH=1`):"]
    for ws in demo["workspaces"]:
        lines += [
            f"  {ws['name']}  ({ws['id']})",
            f"    admin key   {ws['admin_key']}",
            f"    member key  {ws['member_key']}",
        ]
        if ws.get("inboxes"):
            listed = ", ".join(f"{i['provider']} {i['number']}" for i in ws["inboxes"])
            lines.append(f"    inboxes     {listed} (signing secrets in the demo file)")
    if demo_file is not None:
        lines.append(f"  Saved to {_display(demo_file)}")
    first = demo["workspaces"][0]
    lines += ["", f"The console: {demo['base_url'].rstrip('/')}/console/ (sign in with a key above)"]
    lines += ["", f"Try it ({first['name']}):", *_curl_examples(demo["base_url"], first), ""]
    return "\n".join(lines)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _curl_examples(base_url: str, ws: dict[str, Any]) -> list[str]:
    def curl(method: str, path: str, key_var: str, body: dict[str, Any] | None = None) -> str:
        parts = [f"  curl -s -X {method} \"$BASE{path}\" -H \"Authorization: Bearer ${key_var}\""]
        if body is not None:
            parts.append(f"-H 'Content-Type: application/json' -d {shlex.quote(json.dumps(body))}")
        return " ".join(parts)

    return [
        f"  export BASE={base_url} ADMIN={ws['admin_key']} MEMBER={ws['member_key']}",
        "  # create a contact",
        curl("POST", "/v1/contacts", "MEMBER", {"phone": EXAMPLE_PHONE, "name": "Ada"}),
        "  # opt it out",
        curl("POST", "/v1/contact/set_status", "MEMBER",
             {"phone": EXAMPLE_PHONE, "status": "unsubscribed", "note": "asked by phone"}),
        "  # may I send to these numbers?",
        curl("POST", "/v1/eligibility", "MEMBER", {"phones": [EXAMPLE_PHONE, "+14155550100"]}),
        "  # list the opted-out contacts",
        curl("GET", "/v1/contacts?status=opted_out", "MEMBER"),
        "  # the OpenAPI document (no key needed)",
        "  curl -s \"$BASE/v1/openapi.json\"",
    ]


def _register_seeders() -> None:
    from local_stack.demo_inboxes import seed_inboxes

    DEMO_SEEDERS.append(seed_inboxes)


_register_seeders()

__all__ = [
    "DEMO_SEEDERS", "DEMO_WORKSPACES", "DemoSeeder", "bootstrap_demo", "create_demo_workspace",
    "describe", "write_demo_file",
]
