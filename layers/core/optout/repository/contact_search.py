"""Contact search: a Query of the ByStatus index with a FilterExpression, bounded per request.

There is no search index: a search reads a workspace's contacts through the sharded ByStatus
index (never a Scan) and DynamoDB drops the ones that do not match before they leave the table.
DynamoDB charges for every item read, matched or not, so a request reads at most `READ_BUDGET`
items and returns a cursor where it stopped: a rare name can take several requests (pages that
may be short, even empty, but that always carry on) to cover a large workspace. docs/contacts-search.md
explains the choice.

The name matches case-insensitively through `name_key`, the casefolded name each contact item
carries (written by `contacts.contact_to_item`, so every write keeps it current); an item written
before that attribute existed matches on its name as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from optout.models import Contact, ContactStatus
from optout.repository import keys
from optout.repository.contacts import contact_from_data
from optout.repository.cursors import check_start_key, decode_cursor, encode_cursor, invalid_cursor
from optout.repository.dynamo import call, contacts_table, deserialize
from optout.repository.keys import name_key

READ_BUDGET = 1000  # items read (matched or not) per search request
_KEY_NAMES = frozenset({"status_pk", "status_sk", "pk"})
_PHONE_CHARACTERS = frozenset("+0123456789 ()-.")


@dataclass(frozen=True)
class ContactFilter:
    """What a contact must match: a text (in its name, or in its number when the text looks like
    one) and an attribute's exact value; both when both are given."""

    text: str | None = None
    attribute: tuple[str, str] | None = None

    @property
    def needle(self) -> str | None:
        return name_key(self.text)

    @property
    def digits(self) -> str | None:
        """The number fragment a phone-like text names ('415 555' -> '415555')."""
        if not self.text or not set(self.text) <= _PHONE_CHARACTERS:
            return None
        digits = "".join(c for c in self.text if c.isdigit())
        return digits or None

    def attribute_values(self) -> list[Any]:
        """The stored values the attribute's text stands for: the string, and the number or the
        boolean it spells (attributes keep JSON types)."""
        if self.attribute is None:
            return []
        text = self.attribute[1]
        values: list[Any] = [text]
        if text in ("true", "false"):
            values.append(text == "true")
        else:
            try:
                number = Decimal(text)
                if number.is_finite():
                    values.append(number)
            except InvalidOperation:
                pass
        return values

    def scope(self) -> list[Any]:
        """What a cursor of this search is bound to."""
        return [self.text, list(self.attribute) if self.attribute else None]

    def matches(self, contact: Contact) -> bool:
        """The same test as `expression`, in Python (the in-memory fake uses it)."""
        if self.text is not None:
            needle, digits = self.needle or "", self.digits
            in_name = needle in (name_key(contact.name) or "")
            if not (in_name or (digits is not None and digits in contact.phone)):
                return False
        if self.attribute is not None:
            key = self.attribute[0]
            if key not in contact.attributes:
                return False
            value = contact.attributes[key]
            wanted = self.attribute_values()
            if not any(type(value) is type(w) and value == w for w in wanted if not isinstance(w, Decimal)):
                numeric = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
                if not (numeric and any(isinstance(w, Decimal) and Decimal(str(value)) == w for w in wanted)):
                    return False
        return True

    def expression(self) -> tuple[str, dict[str, str], dict[str, Any]]:
        """(FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues)."""
        clauses: list[str] = []
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        if self.text is not None:
            names.update({"#nk": "name_key", "#n": "name"})
            values.update({":needle": {"S": self.needle}, ":raw": {"S": self.text}})
            text = ["contains(#nk, :needle)", "(attribute_not_exists(#nk) AND contains(#n, :raw))"]
            if self.digits:
                values[":digits"] = {"S": self.digits}
                text.append("contains(status_sk, :digits)")
            clauses.append("(" + " OR ".join(text) + ")")
        if self.attribute is not None:
            names.update({"#at": "attributes", "#ak": self.attribute[0]})
            options = []
            for i, value in enumerate(self.attribute_values()):
                if isinstance(value, bool):
                    values[f":av{i}"] = {"BOOL": value}
                elif isinstance(value, Decimal):
                    values[f":av{i}"] = {"N": str(value)}
                else:
                    values[f":av{i}"] = {"S": value}
                options.append(f"#at.#ak = :av{i}")
            clauses.append("(" + " OR ".join(options) + ")")
        return " AND ".join(clauses), names, values


def search_contacts_by_status(
    workspace_id: str,
    status: ContactStatus,
    shard: int,
    *,
    match: ContactFilter,
    limit: int,
    start_key: dict[str, Any] | None,
) -> tuple[list[Contact], dict[str, Any] | None, int]:
    """One Query of one shard of the ByStatus index that reads at most `limit` items and returns
    (the ones that match, where it stopped or None at the shard's end, how many it read)."""
    partition = keys.status_partition(workspace_id, status, shard)
    if start_key is not None:
        check_start_key(start_key, _KEY_NAMES, "status_pk", partition)
    expression, names, values = match.expression()
    kwargs: dict[str, Any] = {
        "TableName": contacts_table(),
        "IndexName": "ByStatus",
        "KeyConditionExpression": "status_pk = :p",
        "FilterExpression": expression,
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": {":p": {"S": partition}, **values},
        "Limit": limit,
    }
    if start_key:
        kwargs["ExclusiveStartKey"] = start_key
    response = call("query", **kwargs)
    found = [contact_from_data(deserialize(item)) for item in response.get("Items", [])]
    return found, response.get("LastEvaluatedKey"), int(response.get("ScannedCount", 0))


class _Searcher(Protocol):
    def __call__(
        self,
        workspace_id: str,
        status: ContactStatus,
        shard: int,
        *,
        match: ContactFilter,
        limit: int,
        start_key: dict[str, Any] | None,
    ) -> tuple[list[Contact], dict[str, Any] | None, int]: ...


def resume_key(workspace_id: str, contact: Contact) -> dict[str, Any]:
    """The ByStatus start key right after `contact` (a page that stops inside a Query's matches)."""
    partition = keys.status_partition(workspace_id, contact.status, keys.status_shard(contact.phone))
    return keys.dynamo_key(status_pk=partition, status_sk=contact.phone, pk=keys.contact_key(workspace_id, contact.phone))


def _position(cursor: str | None, scope: dict[str, Any], statuses: int) -> tuple[int, int, Any]:
    if not cursor:
        return 0, 0, None
    state = decode_cursor(cursor)
    s_index, shard, start_key = state.get("s"), state.get("h"), state.get("k")
    valid = (
        all(state.get(name) == value for name, value in scope.items())
        and isinstance(s_index, int)
        and isinstance(shard, int)
        and 0 <= s_index < statuses
        and 0 <= shard < keys.STATUS_SHARDS
        and (start_key is None or isinstance(start_key, dict))
    )
    if not valid:
        raise invalid_cursor()
    return int(s_index or 0), int(shard or 0), start_key


def search_contacts_page(
    workspace_id: str,
    status: ContactStatus | None,
    match: ContactFilter,
    *,
    limit: int,
    cursor: str | None,
    search: _Searcher | None = None,
) -> tuple[list[Contact], str | None]:
    """Up to `limit` matching contacts, reading at most `READ_BUDGET` items, and the cursor that
    resumes exactly where the reading stopped (None once every shard of every status is read).
    `search` reads one shard (this module's Query unless a test passes a fake store's)."""
    search = search or search_contacts_by_status
    budget = READ_BUDGET
    statuses = [status] if status is not None else list(ContactStatus)
    scope = {"w": workspace_id, "f": status.value if status else None, "m": match.scope()}
    s_index, shard, start_key = _position(cursor, scope, len(statuses))
    found: list[Contact] = []
    while True:
        page, start_key, read = search(
            workspace_id, statuses[s_index], shard, match=match, limit=max(1, min(budget, 200)), start_key=start_key
        )
        budget -= read
        need = limit - len(found)
        if len(page) > need:
            page = page[:need]
            start_key = resume_key(workspace_id, page[-1])
        found.extend(page)
        if start_key is None:
            shard += 1
            if shard == keys.STATUS_SHARDS:
                shard, s_index = 0, s_index + 1
                if s_index == len(statuses):
                    return found, None
        if len(found) >= limit or budget <= 0:
            return found, encode_cursor({**scope, "s": s_index, "h": shard, "k": start_key})
