"""The operations part of template.yaml (docs/operations.md): every function, dead-letter queue and
stream consumer has its alarms, log group and failure destination, and the API logs safely.

Each check is a function listing what is missing, run on the real template item by item, and
shown to catch the omission it exists for on a copy of the template with one thing added.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from local_stack.template import load_template, resources

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")
ALARM = "AWS::CloudWatch::Alarm"
FUNCTION = "AWS::Serverless::Function"
# CloudWatch Logs' valid RetentionInDays values.
RETENTION_DAYS = {
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
}
ACCESS_LOG_FIELDS = {
    "requestId",
    "ip",
    "caller",
    "requestTime",
    "httpMethod",
    "resourcePath",
    "status",
    "protocol",
    "responseLength",
    "integrationLatency",
}


def _alarms(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return resources(template, ALARM)


def _notifies(alarm: dict[str, Any]) -> bool:
    return {"Ref": "AlarmTopic"} in (alarm.get("AlarmActions") or [])


def _getatt_name(value: Any) -> str | None:
    return value["Fn::GetAtt"][0] if isinstance(value, dict) and "Fn::GetAtt" in value else None


def _has_alarm(template: dict[str, Any], namespace: str, metric: str, dimension: str, value: Any) -> bool:
    return any(
        alarm.get("Namespace") == namespace
        and alarm.get("MetricName") == metric
        and {"Name": dimension, "Value": value} in (alarm.get("Dimensions") or [])
        and _notifies(alarm)
        for alarm in _alarms(template).values()
    )


def _events(template: dict[str, Any], kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(function, event name, event properties) of every `kind` event source."""
    return [
        (function, name, event.get("Properties") or {})
        for function, props in resources(template, FUNCTION).items()
        for name, event in (props.get("Events") or {}).items()
        if event.get("Type") == kind
    ]


def stream_consumers(template: dict[str, Any]) -> list[str]:
    return sorted({function for function, _, _ in _events(template, "DynamoDB")})


def dead_letter_queues(template: dict[str, Any]) -> list[str]:
    """Every queue something moves failed messages to: redrive targets, stream and async
    OnFailure destinations, EventBridge target and function dead-letter configs."""
    found = [
        _getatt_name(props["RedrivePolicy"].get("deadLetterTargetArn"))
        for props in resources(template, "AWS::SQS::Queue").values()
        if props.get("RedrivePolicy")
    ]
    for _, _, event in _events(template, "DynamoDB") + _events(template, "SQS"):
        found.append(_getatt_name(((event.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")))
    for rule in resources(template, "AWS::Events::Rule").values():
        found += [
            _getatt_name((target.get("DeadLetterConfig") or {}).get("Arn")) for target in rule.get("Targets") or []
        ]
    for function in resources(template, FUNCTION).values():
        found.append(_getatt_name((function.get("DeadLetterQueue") or {}).get("TargetArn")))
        on_failure = ((function.get("EventInvokeConfig") or {}).get("DestinationConfig") or {}).get("OnFailure") or {}
        found.append(_getatt_name(on_failure.get("Destination")))
    queues = resources(template, "AWS::SQS::Queue")
    return sorted({name for name in found if name in queues})


# --- the checks: each returns what is missing ----------------------------------------------------


def function_problems(template: dict[str, Any], function: str) -> list[str]:
    problems = [
        f"no {metric} alarm to AlarmTopic"
        for metric in ("Errors", "Throttles")
        if not _has_alarm(template, "AWS/Lambda", metric, "FunctionName", {"Ref": function})
    ]
    group = ((resources(template, FUNCTION)[function].get("LoggingConfig") or {}).get("LogGroup") or {}).get("Ref")
    log_group = resources(template, "AWS::Logs::LogGroup").get(group or "")
    if log_group is None:
        problems.append("LoggingConfig names no AWS::Logs::LogGroup of the template")
    elif log_group.get("RetentionInDays") != {"Ref": "LogRetentionDays"}:
        problems.append("its log group's RetentionInDays is not the LogRetentionDays parameter")
    if function not in json.dumps(resources(template, "AWS::CloudWatch::Dashboard")):
        problems.append("not on the dashboard")
    return problems


def stream_source_problems(template: dict[str, Any], function: str, event: str) -> list[str]:
    props = (resources(template, FUNCTION)[function]["Events"][event]).get("Properties") or {}
    on_failure = (props.get("DestinationConfig") or {}).get("OnFailure") or {}
    # Type: SQS makes SAM grant the function sqs:SendMessage on the destination.
    if on_failure.get("Type") != "SQS" or _getatt_name(on_failure.get("Destination")) not in resources(
        template, "AWS::SQS::Queue"
    ):
        return ["no DestinationConfig OnFailure (Type SQS) to a queue of the template"]
    return []


def dead_letter_problems(template: dict[str, Any], queue: str) -> list[str]:
    depth = [
        alarm
        for alarm in _alarms(template).values()
        if alarm.get("MetricName") == "ApproximateNumberOfMessagesVisible"
        and {"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}} in (alarm.get("Dimensions") or [])
    ]
    if not any(
        _notifies(a) and a.get("Threshold") == 0 and a.get("ComparisonOperator") == "GreaterThanThreshold"
        for a in depth
    ):
        return ["no depth alarm (> 0 messages) to AlarmTopic"]
    if queue not in json.dumps(resources(template, "AWS::CloudWatch::Dashboard")):
        return ["not on the dashboard"]
    return []


def stream_consumer_problems(template: dict[str, Any], function: str) -> list[str]:
    if not _has_alarm(template, "AWS/Lambda", "IteratorAge", "FunctionName", {"Ref": function}):
        return ["no IteratorAge alarm to AlarmTopic"]
    return []


# --- the real template, item by item -------------------------------------------------------------


@pytest.mark.parametrize("function", sorted(resources(TEMPLATE, FUNCTION)))
def test_every_function_has_alarms_a_log_group_and_a_dashboard_line(function: str) -> None:
    assert function_problems(TEMPLATE, function) == []


@pytest.mark.parametrize(("function", "event"), [(f, e) for f, e, _ in _events(TEMPLATE, "DynamoDB")])
def test_every_stream_source_records_exhausted_batches_in_a_queue(function: str, event: str) -> None:
    assert stream_source_problems(TEMPLATE, function, event) == []


@pytest.mark.parametrize("queue", dead_letter_queues(TEMPLATE))
def test_every_dead_letter_queue_has_a_depth_alarm(queue: str) -> None:
    assert dead_letter_problems(TEMPLATE, queue) == []


@pytest.mark.parametrize("function", stream_consumers(TEMPLATE))
def test_every_stream_consumer_has_an_iterator_age_alarm(function: str) -> None:
    assert stream_consumer_problems(TEMPLATE, function) == []


@pytest.mark.parametrize("rule", sorted(resources(TEMPLATE, "AWS::Events::Rule")))
def test_every_rule_target_keeps_what_it_cannot_deliver(rule: str) -> None:
    """An event EventBridge cannot hand to its target is retried, then kept in a dead-letter
    queue (alarmed like every other), never dropped."""
    for target in resources(TEMPLATE, "AWS::Events::Rule")[rule].get("Targets") or []:
        assert _getatt_name((target.get("DeadLetterConfig") or {}).get("Arn")) in dead_letter_queues(TEMPLATE), target
        assert (target.get("RetryPolicy") or {}).get("MaximumEventAgeInSeconds"), target


def test_the_report_job_dead_letter_queue_and_the_stream_failures_queue_are_found() -> None:
    assert {"ReportJobDeadLetterQueue", "StreamFailuresQueue"} <= set(dead_letter_queues(TEMPLATE))
    assert "ReportsFunction" in stream_consumers(TEMPLATE)


# --- each check catches what it is for -------------------------------------------------------------


def _with(resources_added: dict[str, Any]) -> dict[str, Any]:
    template = copy.deepcopy(TEMPLATE)
    template["Resources"].update(resources_added)
    return template


NEW_FUNCTION = {
    "Type": FUNCTION,
    "Properties": {
        "CodeUri": "functions/new",
        "Handler": "app.lambda_handler",
        "Events": {
            "Stream": {"Type": "DynamoDB", "Properties": {"Stream": {"Fn::GetAtt": ["ContactsTable", "StreamArn"]}}},
        },
    },
}
NEW_QUEUES = {
    "NewQueue": {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["NewDlq", "Arn"]}, "maxReceiveCount": 3}
        },
    },
    "NewDlq": {"Type": "AWS::SQS::Queue", "Properties": {}},
}


def test_a_function_added_without_its_operations_is_caught() -> None:
    template = _with({"NewFunction": NEW_FUNCTION})
    assert function_problems(template, "NewFunction") == [
        "no Errors alarm to AlarmTopic",
        "no Throttles alarm to AlarmTopic",
        "LoggingConfig names no AWS::Logs::LogGroup of the template",
        "not on the dashboard",
    ]
    assert stream_source_problems(template, "NewFunction", "Stream") != []
    assert "NewFunction" in stream_consumers(template)
    assert stream_consumer_problems(template, "NewFunction") != []


def test_a_dead_letter_queue_added_without_its_alarm_is_caught() -> None:
    template = _with(NEW_QUEUES)
    assert "NewDlq" in dead_letter_queues(template)
    assert dead_letter_problems(template, "NewDlq") == ["no depth alarm (> 0 messages) to AlarmTopic"]


def test_an_alarm_that_notifies_nobody_does_not_count() -> None:
    template = copy.deepcopy(TEMPLATE)
    for alarm in _alarms(template).values():
        alarm.pop("AlarmActions", None)
    assert "no Errors alarm to AlarmTopic" in function_problems(template, "ContactsApiFunction")
    assert dead_letter_problems(template, "ReportJobDeadLetterQueue") != []


# --- the rest of the operations settings ---------------------------------------------------------------


def test_every_alarm_notifies_the_alarm_topic() -> None:
    assert [name for name, alarm in _alarms(TEMPLATE).items() if not _notifies(alarm)] == []


def test_the_alarm_topic_emails_only_when_an_address_is_given() -> None:
    subscription = TEMPLATE["Resources"]["AlarmEmailSubscription"]
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"]["TopicArn"] == {"Ref": "AlarmTopic"}
    assert TEMPLATE["Parameters"]["AlarmEmail"]["Default"] == ""


def test_log_retention_is_a_parameter_of_cloudwatch_values() -> None:
    parameter = TEMPLATE["Parameters"]["LogRetentionDays"]
    assert set(parameter["AllowedValues"]) <= RETENTION_DAYS
    assert parameter["Default"] in parameter["AllowedValues"]


def test_the_api_creates_no_extra_stage_and_keeps_its_throttling() -> None:
    api = resources(TEMPLATE, "AWS::Serverless::Api")["OptOutApi"]
    assert api.get("OpenApiVersion")  # without it SAM adds a stage named "Stage"
    assert api["StageName"] == {"Ref": "StageName"}
    assert any(setting.get("ThrottlingRateLimit") for setting in api["MethodSettings"])


def test_the_api_access_log_is_json_without_headers_or_bodies() -> None:
    setting = resources(TEMPLATE, "AWS::Serverless::Api")["OptOutApi"]["AccessLogSetting"]
    fields = json.loads(setting["Format"])
    assert set(fields) == ACCESS_LOG_FIELDS
    variables = " ".join(fields.values()).lower()
    # API keys and carrier signatures travel in headers; bodies carry phone numbers and messages.
    for forbidden in ("header", "body", "$input", "querystring", "$context.path", "requestoverride"):
        assert forbidden not in variables
    group = resources(TEMPLATE, "AWS::Logs::LogGroup")[_getatt_name(setting["DestinationArn"]) or ""]
    assert group["RetentionInDays"] == {"Ref": "LogRetentionDays"}


def test_only_end_user_messaging_of_this_account_may_publish_inbound_sms() -> None:
    policies = [
        p for p in resources(TEMPLATE, "AWS::SNS::TopicPolicy").values() if {"Ref": "InboundSmsTopic"} in p["Topics"]
    ]
    assert len(policies) == 1
    (statement,) = policies[0]["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "sms-voice.amazonaws.com"}
    assert (statement["Effect"], statement["Action"], statement["Resource"]) == (
        "Allow",
        "sns:Publish",
        {"Ref": "InboundSmsTopic"},
    )
    assert statement["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert "sms-voice" in statement["Condition"]["ArnLike"]["aws:SourceArn"]["Fn::Sub"]


def test_the_api_5xx_alarm_is_a_rate_with_a_minimum_of_requests() -> None:
    alarm = _alarms(TEMPLATE)["Api5xxRateAlarm"]
    by_id = {metric["Id"]: metric for metric in alarm["Metrics"]}
    assert {
        by_id["errors"]["MetricStat"]["Metric"]["MetricName"],
        by_id["requests"]["MetricStat"]["Metric"]["MetricName"],
    } == {"5XXError", "Count"}
    returned = [metric for metric in alarm["Metrics"] if metric.get("ReturnData", True)]
    assert [metric["Id"] for metric in returned] == ["rate"]
    assert re.fullmatch(r"IF\(requests >= \d+, 100 \* errors / requests, 0\)", returned[0]["Expression"])


def _emitted_metric_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "layers" / "core" / "optout").rglob("*.py"):
        names |= set(re.findall(r'name="([A-Za-z]+)", unit=', path.read_text(encoding="utf-8")))
    for path in (ROOT / "functions").rglob("app.py"):
        names |= set(re.findall(r'name="([A-Za-z]+)", unit=', path.read_text(encoding="utf-8")))
    return names


@pytest.mark.parametrize(
    "name", sorted(name for name, alarm in _alarms(TEMPLATE).items() if alarm.get("Namespace") == "OptOut")
)
def test_alarms_on_the_service_metrics_name_metrics_the_code_emits(name: str) -> None:
    alarm = _alarms(TEMPLATE)[name]
    assert alarm["MetricName"] in _emitted_metric_names()
    assert alarm["Dimensions"] == [{"Name": "service", "Value": "optout"}]  # what Powertools adds


def test_webhook_refusals_and_the_report_job_are_alarmed() -> None:
    metrics = {alarm.get("MetricName") for alarm in _alarms(TEMPLATE).values() if alarm.get("Namespace") == "OptOut"}
    assert {"WebhookRefusals", "ReportMessagesDropped"} <= metrics


def test_the_dashboard_body_is_json_once_substituted() -> None:
    (dashboard,) = resources(TEMPLATE, "AWS::CloudWatch::Dashboard").values()
    body = re.sub(r"\$\{[^}]+\}", "x", dashboard["DashboardBody"]["Fn::Sub"])
    titles = {widget["properties"]["title"] for widget in json.loads(body)["widgets"]}
    for wanted in (
        "invocations",
        "errors",
        "duration",
        "4xx",
        "latency",
        "refusals",
        "consent",
        "dead-letter",
        "iterator",
    ):
        assert any(wanted in title.lower() for title in titles), wanted
