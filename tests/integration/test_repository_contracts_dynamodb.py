"""The DynamoDB stores keep the storage ports' contract: the cases the in-memory fakes pass
(tests/unit/test_repository_contracts.py), here on moto tables built from template.yaml."""

from __future__ import annotations

import pytest

from tests.fakes import Stores, real_stores
from tests.fakes.contract_cases import CASES


@pytest.fixture
def stores(aws: None) -> Stores:
    return real_stores()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_the_dynamodb_stores_keep_the_contract(case, stores):
    case(stores)
