"""Adapters the outgoing webhooks need beside DynamoDB: HTTP to subscribers' endpoints (urllib),
their signing secrets (Secrets Manager) and the delivery queue (SQS). Nothing here decides."""
