"""The local stack's event sources (local_stack.event_sources) against moto: stream batches and
queue batches reach a function as Lambda's pollers hand them over, failures are retried, dead-
lettered or sent to the on-failure destination, and the template's rules and bucket notifications
fill their queues.

Each test runs throwaway probe functions (an app.py written to tmp_path) declared in a copy of
template.yaml, so the real functions' streams and queues are not pumped here.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

from local_stack import event_sources, lambdas, template

PROBE_APP = '''
CALLS = []


def respond(event):
    return None


def lambda_handler(event, context):
    CALLS.append(event)
    return respond(event)
'''


class Probes:
    """Probe functions in a copy of the template; `calls(name)` is what each one received."""

    def __init__(self, tmp_path: Path) -> None:
        real = template.load_template()
        self.tmp_path = tmp_path
        self.suffix = uuid.uuid4().hex[:8]  # handlers are cached by logical id
        self.resources = {k: v for k, v in real["Resources"].items() if v["Type"] != "AWS::Serverless::Function"}
        self.doc = {**real, "Resources": self.resources}

    def function(self, name: str, events: dict[str, Any]) -> str:
        code = self.tmp_path / name
        code.mkdir()
        (code / "app.py").write_text(PROBE_APP)
        logical = f"{name}{self.suffix}"
        self.resources[logical] = {
            "Type": "AWS::Serverless::Function",
            "Properties": {"CodeUri": str(code), "Handler": "app.lambda_handler", "Events": events},
        }
        return logical

    def queue(self, name: str, **props: Any) -> str:
        """A queue of the copied template, created in moto under its local name."""
        self.resources[name] = {"Type": "AWS::SQS::Queue", "Properties": props}
        attributes = {}
        if "RedrivePolicy" in props:
            attributes["RedrivePolicy"] = json.dumps(template.resolve(props["RedrivePolicy"], self.doc))
        boto3.client("sqs", region_name="us-east-1").create_queue(QueueName=name, Attributes=attributes)
        return name

    def module(self, logical: str) -> Any:
        return lambdas.load_module(template.functions(self.doc)[logical])

    def calls(self, logical: str) -> list[dict[str, Any]]:
        return self.module(logical).CALLS  # type: ignore[no-any-return]

    def respond(self, logical: str, respond: Callable[[dict[str, Any]], Any]) -> None:
        self.module(logical).respond = respond

    def drain(self, **options: Any) -> event_sources.Summary:
        summary = event_sources.drain(boto3.Session(), tmpl=self.doc, timeout=30, **options)
        assert summary.quiet
        return summary


@pytest.fixture
def probes(aws: None, tmp_path: Path) -> Probes:
    return Probes(tmp_path)


def stream_event(table: str = "ContactsTable", **props: Any) -> dict[str, Any]:
    return {"Type": "DynamoDB", "Properties": {
        "Stream": {"Fn::GetAtt": [table, "StreamArn"]}, "StartingPosition": "TRIM_HORIZON", **props}}


def queue_event(queue: str, **props: Any) -> dict[str, Any]:
    return {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": [queue, "Arn"]}, **props}}


def put_contacts(count: int, start: int = 0) -> list[str]:
    """Items straight into the contacts table (the probes read only the stream's keys)."""
    client = boto3.client("dynamodb", region_name="us-east-1")
    keys = [f"+1332550{i:04d}" for i in range(start, start + count)]
    for key in keys:
        client.put_item(TableName="ContactsTable", Item={"pk": {"S": f"ws#{key}"}, "sk": {"S": "contact"}})
    return keys


def stream_keys(batch: dict[str, Any]) -> list[str]:
    return [r["dynamodb"]["Keys"]["pk"]["S"].removeprefix("ws#") for r in batch["Records"]]


def send(queue: str, *bodies: str) -> None:
    sqs = boto3.client("sqs", region_name="us-east-1")
    for body in bodies:
        sqs.send_message(QueueUrl=template.local_queue_url(queue), MessageBody=body,
                         MessageAttributes={"kind": {"DataType": "String", "StringValue": "probe"}})


def bodies(queue: str) -> list[str]:
    sqs = boto3.client("sqs", region_name="us-east-1")
    found = []
    while messages := sqs.receive_message(QueueUrl=template.local_queue_url(queue), MaxNumberOfMessages=10,
                                          VisibilityTimeout=60).get("Messages"):
        found += [m["Body"] for m in messages]
    return found


def test_stream_records_reach_the_function_in_lambdas_shape_and_batches_once(probes):
    probe = probes.function("StreamProbe", {"Contacts": stream_event(BatchSize=2)})
    keys = put_contacts(5)
    summary = probes.drain()
    batches = probes.calls(probe)
    assert [stream_keys(b) for b in batches] == [keys[0:2], keys[2:4], keys[4:5]]
    record = batches[0]["Records"][0]
    arn = boto3.client("dynamodb", region_name="us-east-1").describe_table(TableName="ContactsTable")["Table"][
        "LatestStreamArn"]
    assert record["eventSource"] == "aws:dynamodb" and record["eventSourceARN"] == arn
    assert record["eventName"] == "INSERT" and record["dynamodb"]["NewImage"]["sk"] == {"S": "contact"}
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)  # epoch seconds, as on Lambda
    json.dumps(batches)  # an event is JSON, as Lambda's is
    assert summary.records == {f"{probe}/ContactsTable": 5} and summary.failures == 0

    # A later drain goes on from where this one stopped; so does a driver given the checkpoints.
    more = put_contacts(1, start=5)
    probes.drain()
    assert [stream_keys(b) for b in batches[3:]] == [more]
    driver = event_sources.EventSourceDriver(boto3.Session(), tmpl=probes.doc)
    checkpoints = driver.checkpoints()
    assert checkpoints == {f"{probe}/ContactsTable": {}}
    driver.drain(timeout=10)
    assert len(batches) == 7  # a driver given no checkpoints starts at TRIM_HORIZON: 3 batches more
    resumed = event_sources.EventSourceDriver(boto3.Session(), tmpl=probes.doc, checkpoints=driver.checkpoints())
    assert resumed.drain(timeout=10).total == 0


def test_a_failed_stream_batch_is_retried_as_the_same_batch(probes):
    probe = probes.function("RetryProbe", {"Contacts": stream_event(BatchSize=10, MaximumRetryAttempts=5)})
    keys = put_contacts(3)
    failures = iter([RuntimeError("first"), RuntimeError("second")])

    def flaky(event):
        if error := next(failures, None):
            raise error

    probes.respond(probe, flaky)
    summary = probes.drain(retry=0)
    assert [stream_keys(b) for b in probes.calls(probe)] == [keys, keys, keys]
    assert summary.failures == 2 and summary.records == {f"{probe}/ContactsTable": 3}


def test_an_exhausted_stream_batch_goes_to_the_on_failure_queue_and_the_shard_moves_on(probes, capsys):
    probes.queue("ProbeStreamFailures")
    probe = probes.function("FailureProbe", {"Contacts": stream_event(
        BatchSize=10, MaximumRetryAttempts=2,
        DestinationConfig={"OnFailure": {"Destination": {"Fn::GetAtt": ["ProbeStreamFailures", "Arn"]}}})})
    put_contacts(4)

    def always(event):
        raise RuntimeError("never works")

    probes.respond(probe, always)
    probes.drain(retry=0)
    assert len(probes.calls(probe)) == 3  # the first attempt and its two retries
    [failure] = [json.loads(body) for body in bodies("ProbeStreamFailures")]
    info = failure["DDBStreamBatchInfo"]
    sequence = [r["dynamodb"]["SequenceNumber"] for r in probes.calls(probe)[0]["Records"]]
    assert (info["batchSize"], info["startSequenceNumber"], info["endSequenceNumber"]) == (4, sequence[0], sequence[-1])
    assert failure["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert failure["requestContext"]["approximateInvokeCount"] == 3
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert {line["message"] for line in logged} >= {"function failed on a stream batch",
                                                    "gave up on a stream batch after its retries"}

    probes.respond(probe, lambda event: None)
    later = put_contacts(1, start=4)
    probes.drain(retry=0)
    assert stream_keys(probes.calls(probe)[-1]) == later  # past the abandoned batch


def test_a_partial_stream_batch_response_retries_from_the_first_failed_record(probes):
    probe = probes.function("PartialStreamProbe", {"Contacts": stream_event(
        BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"])})
    keys = put_contacts(4)
    answers = []

    def third_fails_once(event):
        if answers:
            return {"batchItemFailures": []}
        answers.append(1)
        return {"batchItemFailures": [{"itemIdentifier": event["Records"][2]["dynamodb"]["SequenceNumber"]}]}

    probes.respond(probe, third_fails_once)
    probes.drain(retry=0)
    assert [stream_keys(b) for b in probes.calls(probe)] == [keys, keys[2:]]


def _sqs_probe(probes: Probes, max_receives: int = 3, **props: Any) -> str:
    probes.queue("ProbeDead")
    probes.queue("ProbeWork", RedrivePolicy={"deadLetterTargetArn": {"Fn::GetAtt": ["ProbeDead", "Arn"]},
                                             "maxReceiveCount": max_receives})
    return probes.function("QueueProbe", {"Work": queue_event("ProbeWork", **props)})


def _received(probe_calls: list[dict[str, Any]]) -> list[str]:
    return [r["body"] for batch in probe_calls for r in batch["Records"]]


def test_a_partial_batch_failure_keeps_only_the_failed_message_which_is_dead_lettered(probes, capsys):
    probe = _sqs_probe(probes, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"])
    send("ProbeWork", "a", "bad", "b", "c")
    probes.respond(probe, lambda event: {"batchItemFailures": [
        {"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"] == "bad"]})
    summary = probes.drain(retry=0)
    received = _received(probes.calls(probe))
    assert sorted(received) == ["a", "b", "bad", "bad", "bad", "c"]  # maxReceiveCount receives, then the DLQ
    assert bodies("ProbeDead") == ["bad"] and bodies("ProbeWork") == []
    assert summary.messages == {f"{probe}/ProbeWork": 3} and summary.failures == 3
    record = probes.calls(probe)[0]["Records"][0]
    assert record["eventSource"] == "aws:sqs" and record["eventSourceARN"] == template.local_queue_arn("ProbeWork")
    assert record["messageAttributes"]["kind"] == {"stringValue": "probe", "stringListValues": [],
                                                   "binaryListValues": [], "dataType": "String"}
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert "gave up on a message" in capsys.readouterr().err


def test_a_raising_function_fails_the_whole_batch(probes):
    probe = _sqs_probe(probes, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"])
    send("ProbeWork", "a", "b")
    failures = iter([RuntimeError("once")])

    def flaky(event):
        if error := next(failures, None):
            raise error

    probes.respond(probe, flaky)
    probes.drain(retry=0)
    assert sorted(_received(probes.calls(probe))) == ["a", "a", "b", "b"]
    assert bodies("ProbeDead") == []


def test_without_report_batch_item_failures_a_returned_failure_list_is_ignored(probes):
    probe = _sqs_probe(probes, BatchSize=10)
    send("ProbeWork", "a", "b")
    probes.respond(probe, lambda event: {"batchItemFailures": [{"itemIdentifier": event["Records"][0]["messageId"]}]})
    probes.drain(retry=0)
    assert sorted(_received(probes.calls(probe))) == ["a", "b"]


def test_an_unknown_item_identifier_fails_the_whole_batch(probes):
    probe = _sqs_probe(probes, max_receives=2, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"])
    send("ProbeWork", "a")
    probes.respond(probe, lambda event: {"batchItemFailures": [{"itemIdentifier": "not-in-the-batch"}]})
    probes.drain(retry=0)
    assert _received(probes.calls(probe)) == ["a", "a"] and bodies("ProbeDead") == ["a"]


def test_batch_size_bounds_a_queue_batch(probes):
    probe = _sqs_probe(probes, BatchSize=2)
    send("ProbeWork", *"abcde")
    probes.drain()
    assert max(len(b["Records"]) for b in probes.calls(probe)) == 2
    assert sorted(_received(probes.calls(probe))) == list("abcde")


def test_a_failed_message_comes_back_after_the_local_retry_delay(probes, monkeypatch):
    monkeypatch.setenv(event_sources.RETRY_ENV, "1")
    probe = _sqs_probe(probes, BatchSize=10)
    send("ProbeWork", "a")
    failures = iter([RuntimeError("once")])

    def flaky(event):
        if error := next(failures, None):
            raise error

    probes.respond(probe, flaky)
    started = time.monotonic()
    probes.drain()
    assert time.monotonic() - started >= 1.0
    assert _received(probes.calls(probe)) == ["a", "a"]


def _rule_and_queue(probes: Probes) -> None:
    probes.resources["ProbeBus"] = {"Type": "AWS::Events::EventBus", "Properties": {"Name": "probe-bus"}}
    probes.queue("ProbeDeliveries")
    probes.resources["ProbeRule"] = {"Type": "AWS::Events::Rule", "Properties": {
        "EventBusName": {"Ref": "ProbeBus"},
        "EventPattern": {"source": ["optout.consent"]},
        "Targets": [{"Id": "deliveries", "Arn": {"Fn::GetAtt": ["ProbeDeliveries", "Arn"]}}],
    }}
    boto3.client("events", region_name="us-east-1").create_event_bus(Name="ProbeBus")
    template.create_event_rules(boto3.Session(), probes.doc)


def _put_event(source: str, detail: dict[str, Any]) -> None:
    boto3.client("events", region_name="us-east-1").put_events(Entries=[{
        "EventBusName": "ProbeBus", "Source": source, "DetailType": "ContactOptedOut", "Detail": json.dumps(detail)}])


def test_a_rule_on_a_bus_sends_matching_events_to_its_queue(probes):
    _rule_and_queue(probes)
    _put_event("optout.consent", {"id": "e-1"})
    _put_event("somebody.else", {"id": "e-2"})
    [body] = bodies("ProbeDeliveries")
    event = json.loads(body)
    assert (event["source"], event["detail-type"], event["detail"]) == ("optout.consent", "ContactOptedOut", {"id": "e-1"})


def test_a_drain_follows_a_stream_batch_through_a_bus_rule_to_a_queue_function(probes):
    _rule_and_queue(probes)
    publisher = probes.function("PublishProbe", {"Contacts": stream_event(BatchSize=10)})
    subscriber = probes.function("DeliverProbe", {"Deliveries": queue_event("ProbeDeliveries")})
    probes.respond(publisher, lambda event: [_put_event("optout.consent", {"keys": stream_keys(event)})])
    keys = put_contacts(2)
    probes.drain()
    [delivered] = _received(probes.calls(subscriber))
    assert json.loads(delivered)["detail"] == {"keys": keys}


def test_a_bucket_notification_sends_s3_events_for_matching_keys_to_its_queue(probes):
    probes.queue("ProbeUploads")
    probes.resources["ProbeBucket"] = {"Type": "AWS::S3::Bucket", "Properties": {"NotificationConfiguration": {
        "QueueConfigurations": [{
            "Event": "s3:ObjectCreated:*",
            "Queue": {"Fn::GetAtt": ["ProbeUploads", "Arn"]},
            "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "uploads/"}]}},
        }]}}}
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="ProbeBucket")
    template.apply_bucket_notifications(boto3.Session(), probes.doc)
    s3.put_object(Bucket="ProbeBucket", Key="uploads/ws-1/import-1.csv", Body=b"phone\n")
    s3.put_object(Bucket="ProbeBucket", Key="elsewhere/x.csv", Body=b"phone\n")
    messages = [json.loads(body) for body in bodies("ProbeUploads")]
    # S3 first sends a test event when the notification is configured, as it does in AWS.
    assert [m.get("Event") for m in messages if "Records" not in m] == ["s3:TestEvent"]
    [notification] = [m for m in messages if "Records" in m]
    record = notification["Records"][0]
    assert record["eventName"].startswith("ObjectCreated:")
    # The key is URL-encoded, as in S3's own notifications (moto encodes the slashes too).
    key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
    assert (record["s3"]["bucket"]["name"], key) == ("ProbeBucket", "uploads/ws-1/import-1.csv")


def test_the_templates_own_resources_are_created_and_skipped_types_do_not_fail(probes):
    # template.create_resources ran for the aws fixture; again on the same state it changes nothing.
    template.create_resources(boto3.Session())
    assert event_sources.drain(boto3.Session(), timeout=30).quiet


def test_the_background_driver_pumps_until_stopped_and_survives_a_failing_function(probes, capsys):
    probe = probes.function("BackgroundProbe", {"Contacts": stream_event(BatchSize=10)})
    failures = iter([RuntimeError("the thread keeps going")])

    def flaky(event):
        if error := next(failures, None):
            raise error

    probes.respond(probe, flaky)
    # Both records are on the stream before the thread starts (TRIM_HORIZON), so they are one
    # batch: written after the start, a poll between the two writes saw one record alone.
    keys = put_contacts(2)
    driver = event_sources.EventSourceDriver(boto3.Session(), tmpl=probes.doc, retry=0).start()
    try:
        deadline = time.monotonic() + 20
        while len(probes.calls(probe)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [stream_keys(b) for b in probes.calls(probe)] == [keys, keys]
    finally:
        driver.stop()
    assert driver._thread is None
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert [line["error"] for line in logged if line.get("function") == probe] == [
        "RuntimeError('the thread keeps going')"]
    put_contacts(1, start=2)
    time.sleep(0.5)
    assert len(probes.calls(probe)) == 2  # stopped: nothing more is pumped
