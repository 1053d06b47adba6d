"""The evidence export as a printable HTML page (`?format=html`): the chain and signature status at
the top, then the events as a table, times in UTC. Every value is escaped; the page has no script."""

from __future__ import annotations

from html import escape
from typing import Any

from optout.api.schemas.evidence import EvidenceEventOut, EvidenceOut

_STYLE = (
    "body{font-family:Georgia,serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left;font-size:11pt}"
    "code{font-size:9pt;word-break:break-all}.bad{color:#a00}.ok{color:#060}"
)


def _text(value: Any) -> str:
    return escape("" if value is None else str(value))


def _utc(value: Any) -> str:
    """A stored time (fixed-width ISO, UTC) as a reader's 'YYYY-MM-DD HH:MM:SS UTC'."""
    text = str(value or "")
    return _text(f"{text[:10]} {text[11:19]} UTC" if len(text) >= 19 else text)


def _who(initiator: dict[str, Any] | None) -> str:
    if not initiator:
        return ""
    parts = [initiator.get("type"), initiator.get("name"), initiator.get("id")]
    return _text(" / ".join(str(part) for part in parts if part))


def _evidence(event: EvidenceEventOut) -> str:
    summary, lines = event.summary, []
    if summary.message:
        lines.append(f"Message: &ldquo;{_text(summary.message.get('text'))}&rdquo; (id {_text(summary.message.get('id'))})")
    if summary.disclosure:
        d = summary.disclosure
        lines.append(f"Disclosure v{_text(d.get('version'))}: &ldquo;{_text(d.get('text'))}&rdquo;")
    if summary.proof:
        shown = {k: v for k, v in summary.proof.items() if k not in ("disclosure_hash", "disclosure_version")}
        lines.append("Proof: " + "; ".join(f"{_text(k)}: {_text(v)}" for k, v in sorted(shown.items())))
    if summary.note:
        lines.append(f"Note: {_text(summary.note)}")
    return "<br>".join(lines)


def _row(position: str, event: EvidenceEventOut) -> str:
    summary, content = event.summary, event.content
    chain = f"<code>{_text(event.chain.hash)}</code>" if event.chain else "written before the chain"
    cells = [
        _text(position),
        _utc(summary.at),
        _utc(content.get("occurred_at")),
        _text(summary.kind),
        _text(summary.reason),
        _who(summary.initiated_by),
        _evidence(event),
        f"<code>{_text(event.event_id)}</code>",
        chain,
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def render(export: EvidenceOut) -> str:
    chain, sig = export.chain, export.signature
    status_class = "ok" if chain.verified else "bad"
    heads = ["#", "Acted (UTC)", "Recorded (UTC)", "Change", "Reason", "Initiated by", "Evidence", "Event", "Chain hash"]
    rows = [_row("before chain", e) for e in export.unchained]
    rows += [_row(str(e.chain.seq if e.chain else ""), e) for e in export.events]
    return "".join(
        [
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
            f"<title>Consent evidence for {_text(export.phone)}</title><style>{_STYLE}</style></head><body>",
            f"<h1>Consent evidence for {_text(export.phone)}</h1>",
            f"<p>Workspace {_text(export.workspace_id)}. Exported {_utc(export.exported_at.isoformat())}.</p>",
            f"<p class=\"{status_class}\"><strong>Chain: {_text(chain.status)}</strong> ",
            f"(scheme {_text(chain.scheme)}, {_text(chain.count)} chained events, head <code>{_text(chain.head)}</code>).</p>",
            f"<p><strong>Signature:</strong> the head is signed by KMS key {_text(sig.key_id)} ({_text(sig.algorithm)}). ",
            "Check it offline with <code>python -m optout evidence verify</code> on the JSON export.</p>",
            f"<p>Signed statement: <code>{_text(sig.statement)}</code></p>",
            f"<p>Events written before the chain existed: {len(export.unchained)} (no hash covers them).</p>",
            "<table><thead><tr>" + "".join(f"<th>{_text(h)}</th>" for h in heads) + "</tr></thead><tbody>",
            "".join(rows),
            "</tbody></table></body></html>",
        ]
    )
