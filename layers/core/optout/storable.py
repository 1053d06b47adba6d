"""What DynamoDB can store, checked before a request gets anywhere near it.

A value DynamoDB refuses would fail on every retry, so the API answers it with a 400 up front:
numbers must fit DynamoDB's number type (38 significant digits, magnitude 1e-130 to below 1e126),
documents nest at most 32 levels, and text must be valid Unicode (no lone surrogates, which a JSON
`\\ud800` escape can produce but UTF-8 cannot encode).
"""

from __future__ import annotations

import decimal
import math
from typing import Any

from boto3.dynamodb.types import DYNAMODB_CONTEXT

MAX_DEPTH = 32
MAX_INT_DIGITS = 38  # beyond this DynamoDB rounds, which boto3 refuses


def number_problem(value: int | float) -> str | None:
    """Why DynamoDB cannot store this number, or None if it can."""
    if isinstance(value, float) and not math.isfinite(value):
        return "numbers must be finite"
    try:
        # The context boto3 serialises with: it traps rounding, overflow and underflow.
        DYNAMODB_CONTEXT.create_decimal(decimal.Decimal(repr(value) if isinstance(value, float) else value))
    except decimal.DecimalException:
        return "numbers must have at most 38 digits and a magnitude between 1e-130 and 1e125"
    return None


def text_problem(text: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text must be valid Unicode (no lone surrogates)"
    return None


def value_problem(value: Any) -> str | None:
    """Why a JSON document (dicts, lists, text, numbers) cannot be stored, or None if it can."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                return f"documents may nest at most {MAX_DEPTH} levels"
            children = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in children:
                if isinstance(key, str) and (problem := text_problem(key)):
                    return problem
                pending.append((child, depth + 1))
        elif isinstance(item, str):
            if problem := text_problem(item):
                return problem
        elif isinstance(item, int | float) and not isinstance(item, bool):
            if problem := number_problem(item):
                return problem
    return None
