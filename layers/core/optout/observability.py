"""The one place that creates the Powertools Logger, Tracer and Metrics shared by every function."""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit, single_metric

SERVICE = "optout"

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(service=SERVICE, namespace="OptOut")

__all__ = ["MetricUnit", "logger", "metrics", "single_metric", "tracer"]
