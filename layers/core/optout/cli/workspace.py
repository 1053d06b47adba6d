"""Bootstrap a workspace and its first admin key: `python -m optout workspace create NAME`.

It writes to the table named by ACCOUNTS_TABLE with the usual AWS credentials (or the local
stack's endpoint through AWS_ENDPOINT_URL). The admin key is printed once and stored hashed.
"""

from __future__ import annotations

import argparse
import json
import sys

from optout.config import settings
from optout.errors import DomainError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m optout workspace")
    sub = parser.add_subparsers(dest="action", required=True)
    create = sub.add_parser("create", help="create a workspace and print its first admin key")
    create.add_argument("name")
    create.add_argument("--region", default="US", help="default phone region (ISO 3166), default US")
    args = parser.parse_args(argv)
    if not settings().accounts_table:
        print("set ACCOUNTS_TABLE to the stack's AccountsTableName output", file=sys.stderr)
        return 2
    from optout.services import accounts

    try:
        workspace, key, plain = accounts.create_workspace(args.name, settings={"default_region": args.region})
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(json.dumps({"workspace_id": workspace.id, "name": workspace.name, "admin_key_id": key.key_id,
                      "admin_key": plain}, indent=2))
    print("Store the admin key now: it is shown once and only its hash is kept.", file=sys.stderr)
    return 0
