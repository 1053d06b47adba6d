"""Each handler imports only what its routes use: a cold start pays for nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from local_stack import template

# Modules that belong to other functions' jobs.
NOT_FOR = {
    # The services of the CSV import, review queue, inboxes and broadcast failures load with the
    # first request to their own routes.
    "ContactsApiFunction": [
        "optout.engine",
        "optout.carriers",
        "optout.webhooks",
        "optout.services.importer",
        "optout.services.review_queue",
        "optout.services.inboxes",
        "optout.services.broadcast_failures",
        "twilio",
        "moto",
        "local_stack",
    ],
    "InboundSmsFunction": ["optout.api", "optout.services.contacts", "optout.services.importer", "twilio", "moto"],
    # The API and stream paths never load the job's chart: only the schedule imports it. The API's
    # resolver (optout.api) is built on the first API request: a stream batch never loads it.
    "ReportsFunction": [
        "optout.api",
        "optout.csv_export",
        "optout.engine",
        "optout.carriers",
        "optout.report_svg",
        "optout.services.report_job",
        "twilio",
        "moto",
        "local_stack",
    ],
    "DeliveryStatusFunction": [
        "optout.engine",
        "optout.api",
        "optout.services.contacts",
        "optout.services.importer",
        "twilio",
        "moto",
    ],
    # The console serves static files with the standard library: nothing of the layer or its
    # dependencies loads, so it costs no other function anything and starts in a few milliseconds.
    "ConsoleFunction": ["optout", "aws_lambda_powertools", "boto3", "botocore", "pydantic", "twilio", "moto", "local_stack"],
}
# Functions that serve no data: the probe cannot see the layer's repository load in them.
NO_LAYER = {"ConsoleFunction"}

PROBE = """
import importlib.util, json, sys
sys.path[:0] = [{layer!r}]
spec = importlib.util.spec_from_file_location("app", {path!r})
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("spec", list(template.functions().values()), ids=lambda s: s.logical_id)
def test_handler_does_not_import_other_jobs_modules(spec):
    code = PROBE.format(layer=str(template.LAYER_PATH), path=str(spec.code_uri / "app.py"))
    env = {**os.environ, **spec.environment, "POWERTOOLS_TRACE_DISABLED": "true"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    modules = set(json.loads(out.stdout.splitlines()[-1]))
    if spec.logical_id not in NO_LAYER:
        assert "optout.repository" in modules  # the probe really loaded the handler
    unwanted = [
        m for m in modules for prefix in NOT_FOR.get(spec.logical_id, []) if m == prefix or m.startswith(prefix + ".")
    ]
    assert unwanted == []


BUILT = """
import importlib.util, json, sys
sys.path[:0] = [{layer!r}]
spec = importlib.util.spec_from_file_location("app", {path!r})
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
from pydantic import BaseModel
def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)
print(json.dumps(sorted({{m.__module__ + "." + m.__qualname__ for m in models(BaseModel) if m.__pydantic_complete__}})))
"""


@pytest.mark.parametrize("spec", list(template.functions().values()), ids=lambda s: s.logical_id)
def test_handler_import_builds_no_domain_or_api_model(spec):
    """The domain models and the API's schemas build their validators on first use (defer_build)."""
    code = BUILT.format(layer=str(template.LAYER_PATH), path=str(spec.code_uri / "app.py"))
    env = {**os.environ, **spec.environment, "POWERTOOLS_TRACE_DISABLED": "true"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    built = json.loads(out.stdout.splitlines()[-1])
    deferred = ("optout.models.", "optout.reply_texts.", "optout.api.schemas.", "optout.review.")
    # Initiator is built by rules.consent's SYSTEM initiator, at import.
    assert [name for name in built if name.startswith(deferred) and name != "optout.models.Initiator"] == []


# Compiled first: compiling app.py (source, as shipped) happens before its first line can run.
COLLECTIONS = """
import gc, json, sys, types
sys.path[:0] = [{layer!r}]
code = compile(open({path!r}).read(), {path!r}, "exec")
runs = []
gc.callbacks.append(lambda phase, info: runs.append(info["generation"]) if phase == "start" else None)
exec(code, types.ModuleType("app").__dict__)
print(json.dumps({{"collections": len(runs), "enabled": gc.isenabled()}}))
"""


@pytest.mark.parametrize(
    "spec", [s for s in template.functions().values() if s.logical_id not in NO_LAYER], ids=lambda s: s.logical_id
)
def test_handler_import_runs_no_garbage_collection_and_leaves_it_on(spec):
    """Every object the import makes lives as long as the process, so a collection during it finds
    nothing and only costs time (docs/cold-start.md); requests collect as usual afterwards."""
    code = COLLECTIONS.format(layer=str(template.LAYER_PATH), path=str(spec.code_uri / "app.py"))
    env = {**os.environ, **spec.environment, "POWERTOOLS_TRACE_DISABLED": "true"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout.splitlines()[-1]) == {"collections": 0, "enabled": True}
