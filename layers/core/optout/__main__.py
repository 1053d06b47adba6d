"""Command line: `python -m optout workspace create NAME`, `python -m optout classify` and
`python -m optout evidence verify FILE`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: python -m optout {workspace create NAME [--region CC] | classify [options] | evidence verify FILE}"
    if not args or args[0] in ("-h", "--help"):
        print(usage)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "workspace":
        from optout.cli import workspace

        return workspace.main(rest)
    if command == "classify":
        from optout.cli import classify

        return classify.main(rest)
    if command == "evidence":
        from optout.cli import evidence

        return evidence.main(rest)
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
