"""The HTTP edge: the resolver factory (`http`), one Router per resource (`routes/`) and its models (`schemas/`)."""
