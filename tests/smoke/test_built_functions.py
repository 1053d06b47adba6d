"""Smoke test of `sam build` output: each built function runs as Lambda would run it.

Each function is imported by a python3.12 interpreter in isolated mode, with only the function's
built folder and the layer's `python/` folder on the path (Lambda's /var/task and /opt/python),
then called with every sample event under `events/<function folder>/` (and, for the reports
function, a batch of its job queue). AWS calls go to a moto server whose tables, buckets and
queues come from template.yaml.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import boto3
import pytest

from local_stack import template

EVENTS = Path(__file__).resolve().parents[2] / "events"

RUNNER = r"""
import importlib.util, json, sys
function_dir, layer_dir, handler, events = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.stdin.read())
sys.path[:0] = [function_dir, layer_dir]
module_name, _, attr = handler.rpartition(".")
module = importlib.import_module(module_name)
# Nothing outside the function and the layer may have been imported.
stray = sorted({getattr(m, "__file__", None) or "" for m in list(sys.modules.values())
                if getattr(m, "__file__", None) and "site-packages" in m.__file__})
class Context:
    function_name = "smoke"; function_version = "$LATEST"; memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:smoke"
    aws_request_id = "smoke-request"
    def get_remaining_time_in_millis(self): return 29000
results = []
for name, event in events:
    response = getattr(module, attr)(event, Context())
    results.append([name, response])
print("@@RESULT@@" + json.dumps({"results": results, "stray": stray, "version": sys.version}))
"""


@pytest.fixture(scope="module")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    previous = os.environ.get("AWS_ENDPOINT_URL")
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    try:
        from optout import repository

        repository.dynamodb_client.cache_clear()
        template.create_resources(boto3.Session())
        yield endpoint
    finally:
        if previous is None:
            os.environ.pop("AWS_ENDPOINT_URL", None)
        else:
            os.environ["AWS_ENDPOINT_URL"] = previous
        from optout import repository

        repository.dynamodb_client.cache_clear()
        server.stop()


JOB_DAY = "2026-11-23"


def _job_queue_batch(workspace_id: str) -> dict:
    """What Lambda's SQS poller hands the reports function: one job message (one workspace)."""
    from local_stack.report import sqs_record

    body = json.dumps({"workspace_id": workspace_id, "date": JOB_DAY})
    message = {"MessageId": "smoke-1", "ReceiptHandle": "smoke-1", "Body": body, "MD5OfBody": "-",
               "Attributes": {"ApproximateReceiveCount": "1"}}
    arn = template.resolve({"Fn::GetAtt": ["ReportJobQueue", "Arn"]}, template.load_template())
    return {"Records": [sqs_record(message, arn)]}


def _built_functions() -> list[template.FunctionSpec]:
    return list(template.functions().values())


@pytest.mark.parametrize("spec", _built_functions(), ids=lambda s: s.logical_id)
def test_built_function_runs_with_only_its_folder_and_the_layer(spec, build_dir, python312, lambda_environment,
                                                               moto_endpoint):
    function_dir = build_dir / spec.logical_id
    layer_dir = build_dir / "CoreLayer" / "python"
    assert function_dir.is_dir(), f"{spec.logical_id} is missing from the build output"
    event_files = sorted((EVENTS / spec.code_uri.name).glob("*.json"))
    assert event_files, f"no sample events under events/{spec.code_uri.name}/"

    from optout.services import accounts

    workspace, _, admin_key = accounts.create_workspace("Smoke test")
    events = [[path.name, json.loads(path.read_text().replace("${API_KEY}", admin_key))] for path in event_files]
    if spec.logical_id == "ReportsFunction":
        events.append(["job_queue_batch (built in)", _job_queue_batch(workspace.id)])
    env = {**lambda_environment, "AWS_ENDPOINT_URL": moto_endpoint, "POWERTOOLS_TRACE_DISABLED": "true", **spec.environment}
    completed = subprocess.run(
        # -B (no byte code written; -I ignores PYTHONDONTWRITEBYTECODE): as in Lambda, whose layer is
        # read-only, the build stays as `sam build` left it.
        [python312, "-I", "-S", "-B", "-c", RUNNER, str(function_dir), str(layer_dir), spec.handler],
        input=json.dumps(events),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    payload = json.loads(completed.stdout.rsplit("@@RESULT@@", 1)[1])
    assert payload["version"].startswith("3.12"), payload["version"]
    assert payload["stray"] == [], f"imported from outside the build: {payload['stray'][:5]}"
    statuses = {name: r.get("statusCode") for name, r in payload["results"] if isinstance(r, dict)}
    print(statuses)
    for name, response in payload["results"]:
        if name == "scheduled_daily.json":
            assert response["workspaces_queued"] >= 1, response
        if name == "job_queue_batch (built in)":
            assert response == {"batchItemFailures": []}, response
            listed = boto3.client("s3", region_name="us-east-1").list_objects_v2(
                Bucket=spec.environment["REPORTS_BUCKET"], Prefix=f"reports/{workspace.id}/{JOB_DAY}/"
            )
            assert len(listed.get("Contents", [])) == 3
        if isinstance(response, dict) and "statusCode" in response:
            assert response["statusCode"] < 500, f"{name}: {response}"
            if name == "get_openapi.json":
                assert json.loads(response["body"])["openapi"].startswith("3.")
