"""Read template.yaml, the one source of truth for resources, routes and function settings.

The local stack and the integration tests both build their resources from here, so they can
never drift from what `sam deploy` creates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_PATH = ROOT / "template.yaml"
LAYER_PATH = ROOT / "layers" / "core"
LOCAL_ACCOUNT = "123456789012"
LOCAL_REGION = "us-east-1"
# AWS::SQS::Queue properties that are CreateQueue attributes of the same name (standard queues;
# RedrivePolicy, which names another queue, is set once every queue exists).
QUEUE_ATTRIBUTES = (
    "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
)


class _CfnLoader(yaml.SafeLoader):
    """YAML loader that turns CloudFormation short tags (!Ref, !Sub …) into their long form."""


def _construct_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
    name = "Ref" if tag_suffix == "Ref" else f"Fn::{tag_suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if tag_suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_CfnLoader.add_multi_constructor("!", _construct_tag)


@cache
def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


def resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {
        name: resource.get("Properties", {})
        for name, resource in template.get("Resources", {}).items()
        if resource.get("Type") == kind
    }


def parameter_defaults(template: dict[str, Any]) -> dict[str, Any]:
    return {name: spec.get("Default") for name, spec in template.get("Parameters", {}).items()}


def resource_type(template: dict[str, Any], logical_id: str) -> str | None:
    return (template.get("Resources", {}).get(logical_id) or {}).get("Type")


def local_queue_url(name: str) -> str:
    """The URL moto gives a queue (its Ref). Locally a queue is named by its logical id; moto finds
    a queue by the name at the end of the URL, so this works against a moto server too."""
    return f"https://sqs.{LOCAL_REGION}.amazonaws.com/{LOCAL_ACCOUNT}/{name}"


def local_queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{LOCAL_REGION}:{LOCAL_ACCOUNT}:{name}"


def resolve(value: Any, template: dict[str, Any], names: dict[str, str] | None = None) -> Any:
    """Resolve Ref, Sub and GetAtt against local resource names (the logical ids by default;
    a queue's Ref is its local URL, as in AWS)."""
    names = names or {}
    params = {
        **parameter_defaults(template),
        "AWS::Region": LOCAL_REGION,
        "AWS::AccountId": LOCAL_ACCOUNT,
        "AWS::StackName": "optout-local",
        "AWS::Partition": "aws",
    }

    def ref(name: str) -> Any:
        if name in params:
            return params[name]
        if name not in names and resource_type(template, name) == "AWS::SQS::Queue":
            return local_queue_url(name)
        if name not in names and resource_type(template, name) == "AWS::SNS::Topic":
            return f"arn:aws:sns:{LOCAL_REGION}:{LOCAL_ACCOUNT}:{name}"  # the ARN moto gives the topic
        return names.get(name, name)

    if isinstance(value, dict):
        if "Ref" in value:
            return ref(value["Ref"])
        if "Fn::Sub" in value:
            text = value["Fn::Sub"]
            if isinstance(text, list):
                text = text[0]
            return re.sub(r"\$\{([^}]+)\}", lambda m: str(ref(m.group(1).split(".")[0])), text)
        if "Fn::GetAtt" in value:
            logical, attribute = value["Fn::GetAtt"]
            if resource_type(template, logical) == "AWS::SQS::Queue":
                return {"Arn": local_queue_arn(logical), "QueueUrl": local_queue_url(logical)}.get(attribute, logical)
            if attribute == "Arn":
                return f"arn:aws:local:{LOCAL_REGION}:{LOCAL_ACCOUNT}:{names.get(logical, logical)}"
            return names.get(logical, logical)
        return {k: resolve(v, template, names) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, template, names) for v in value]
    return value


def dynamodb_table_specs(template: dict[str, Any]) -> list[dict[str, Any]]:
    """CreateTable arguments for every AWS::DynamoDB::Table, named by its logical id."""
    specs = []
    for name, props in resources(template, "AWS::DynamoDB::Table").items():
        spec: dict[str, Any] = {
            "TableName": name,
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"],
            "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if props.get("GlobalSecondaryIndexes"):
            spec["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
        if props.get("LocalSecondaryIndexes"):
            spec["LocalSecondaryIndexes"] = props["LocalSecondaryIndexes"]
        if props.get("StreamSpecification"):
            spec["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
        specs.append(spec)
    return specs


def create_resources(session: Any) -> dict[str, str]:
    """Create every resource the local stack can emulate; returns logical id -> local name."""
    template = load_template()
    names: dict[str, str] = {}
    dynamodb = session.client("dynamodb", region_name=LOCAL_REGION)
    existing = set(dynamodb.list_tables()["TableNames"])
    for spec in dynamodb_table_specs(template):
        names[spec["TableName"]] = spec["TableName"]
        if spec["TableName"] not in existing:
            dynamodb.create_table(**spec)
    sns = session.client("sns", region_name=LOCAL_REGION)
    for name in resources(template, "AWS::SNS::Topic"):
        names[name] = sns.create_topic(Name=name)["TopicArn"]
    events = session.client("events", region_name=LOCAL_REGION)
    existing_buses = {bus["Name"] for bus in events.list_event_buses()["EventBuses"]}
    for name in resources(template, "AWS::Events::EventBus"):
        names[name] = name  # locally a bus is named by its logical id, as its Ref resolves here
        if name not in existing_buses:
            events.create_event_bus(Name=name)
    s3 = session.client("s3", region_name=LOCAL_REGION)
    existing_buckets = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    for name in resources(template, "AWS::S3::Bucket"):
        names[name] = name  # locally a bucket is named by its logical id, as its Ref resolves here
        if name not in existing_buckets:
            s3.create_bucket(Bucket=name)
    sqs = session.client("sqs", region_name=LOCAL_REGION)
    existing_queues = {url.rsplit("/", 1)[-1] for url in sqs.list_queues().get("QueueUrls", [])}
    queues = resources(template, "AWS::SQS::Queue")
    for name, props in queues.items():
        names[name] = local_queue_url(name)  # locally a queue is named by its logical id
        if name not in existing_queues:
            sqs.create_queue(QueueName=name, Attributes={k: str(props[k]) for k in QUEUE_ATTRIBUTES if k in props})
    for name, props in queues.items():
        # The dead-letter queue's ARN resolves to the local queue: moto moves a message there when
        # a ReceiveMessage finds it received maxReceiveCount times, as SQS does.
        if props.get("RedrivePolicy"):
            policy = resolve(props["RedrivePolicy"], template)
            sqs.set_queue_attributes(QueueUrl=names[name], Attributes={"RedrivePolicy": json.dumps(policy)})
    names.update(create_kms_keys(session, template))
    # Event plumbing between the resources above, once they all exist (A1, issue #14).
    create_event_rules(session, template)
    apply_bucket_notifications(session, template)
    for name, props in resources(template, "AWS::DynamoDB::Table").items():
        ttl = props.get("TimeToLiveSpecification")
        if ttl and ttl.get("Enabled"):
            dynamodb.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]},
            )
    return names


def create_kms_keys(session: Any, template: dict[str, Any]) -> dict[str, str]:
    """Each AWS::KMS::Key with its spec and usage, and each AWS::KMS::Alias naming one (functions
    are given an alias, which resolves the same locally and in AWS); moto signs with them."""
    kms = session.client("kms", region_name=LOCAL_REGION)
    aliases = resources(template, "AWS::KMS::Alias")
    existing = {alias["AliasName"] for alias in kms.list_aliases().get("Aliases", [])}
    names: dict[str, str] = {}
    for name, props in resources(template, "AWS::KMS::Key").items():
        wanted = [resolve(a["AliasName"], template) for a in aliases.values() if a.get("TargetKeyId") == {"Ref": name}]
        if all(alias in existing for alias in wanted) and wanted:
            continue  # a restarted stack on the same moto keeps its keys
        spec = {"KeySpec": props.get("KeySpec", "SYMMETRIC_DEFAULT"), "KeyUsage": props.get("KeyUsage", "ENCRYPT_DECRYPT")}
        key_id = kms.create_key(Description=str(props.get("Description", name)), **spec)["KeyMetadata"]["KeyId"]
        names[name] = key_id
        for alias in wanted:
            kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    return names


# Properties of an AWS::Events::Rule target that PutTargets takes as they are (after resolving).
RULE_TARGET_KEYS = ("Id", "Arn", "Input", "InputPath", "InputTransformer", "SqsParameters", "DeadLetterConfig",
                    "RetryPolicy")


def create_event_rules(session: Any, template: dict[str, Any]) -> None:
    """Each AWS::Events::Rule with an EventPattern, on its bus, with its queue and topic targets
    (moto delivers a matching PutEvents to them, as EventBridge does); other targets are skipped."""
    events = session.client("events", region_name=LOCAL_REGION)
    for name, props in resources(template, "AWS::Events::Rule").items():
        if "EventPattern" not in props:
            continue  # schedules are the functions' `Type: Schedule` events, not pumped locally
        bus = str(resolve(props.get("EventBusName", "default"), template))
        bus = bus.rsplit("/", 1)[-1].rsplit(":", 1)[-1]  # a bus's Name, also when given its Arn
        pattern = resolve(props["EventPattern"], template)
        events.put_rule(Name=name, EventBusName=bus, State=str(props.get("State", "ENABLED")),
                        EventPattern=pattern if isinstance(pattern, str) else json.dumps(pattern))
        targets = [{k: v for k, v in resolve(t, template).items() if k in RULE_TARGET_KEYS}
                   for t in props.get("Targets") or []]
        targets = [t for t in targets if str(t.get("Arn", "")).startswith(("arn:aws:sqs:", "arn:aws:sns:"))]
        if targets:
            events.put_targets(Rule=name, EventBusName=bus, Targets=targets)


def apply_bucket_notifications(session: Any, template: dict[str, Any]) -> None:
    """Each bucket's NotificationConfiguration.QueueConfigurations: moto sends S3's event
    notification to the queue when a matching object is written, as S3 does."""
    s3 = session.client("s3", region_name=LOCAL_REGION)
    for name, props in resources(template, "AWS::S3::Bucket").items():
        configured = (props.get("NotificationConfiguration") or {}).get("QueueConfigurations") or []
        queues = []
        for config in resolve(configured, template):
            queue: dict[str, Any] = {"QueueArn": config["Queue"], "Events": [config["Event"]]}
            rules = ((config.get("Filter") or {}).get("S3Key") or {}).get("Rules")
            if rules:
                queue["Filter"] = {"Key": {"FilterRules": rules}}
            queues.append(queue)
        if queues:
            s3.put_bucket_notification_configuration(
                Bucket=name, NotificationConfiguration={"QueueConfigurations": queues}
            )


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    code_uri: Path
    handler: str
    environment: dict[str, str]


@dataclass(frozen=True)
class ApiRoute:
    function: FunctionSpec
    method: str
    path: str  # API Gateway resource path, e.g. /v1/contacts/{phone}


def functions(template: dict[str, Any] | None = None) -> dict[str, FunctionSpec]:
    template = template or load_template()
    globals_env = template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    specs = {}
    for name, props in resources(template, "AWS::Serverless::Function").items():
        env = {**globals_env, **props.get("Environment", {}).get("Variables", {})}
        specs[name] = FunctionSpec(
            logical_id=name,
            code_uri=ROOT / props["CodeUri"],
            handler=props["Handler"],
            environment={k: str(resolve(v, template)) for k, v in env.items()},
        )
    return specs


def api_routes(template: dict[str, Any] | None = None) -> list[ApiRoute]:
    """Every `Type: Api` event of every function in the template."""
    template = template or load_template()
    specs = functions(template)
    routes = []
    for name, props in resources(template, "AWS::Serverless::Function").items():
        for event in (props.get("Events") or {}).values():
            if event.get("Type") != "Api":
                continue
            properties = event["Properties"]
            routes.append(ApiRoute(specs[name], properties["Method"].upper(), properties["Path"]))
    return routes


def event_sources(kind: str, template: dict[str, Any] | None = None) -> list[tuple[FunctionSpec, dict[str, Any]]]:
    """Non-API event sources (SNS, Schedule …) of every function: (function, event properties)."""
    template = template or load_template()
    specs = functions(template)
    found = []
    for name, props in resources(template, "AWS::Serverless::Function").items():
        for event in (props.get("Events") or {}).values():
            if event.get("Type") == kind:
                found.append((specs[name], event.get("Properties", {})))
    return found


def local_environment() -> dict[str, str]:
    """The union of every function's environment, as the local stack and tests run them."""
    env: dict[str, str] = {}
    for spec in functions().values():
        env.update(spec.environment)
    return env
