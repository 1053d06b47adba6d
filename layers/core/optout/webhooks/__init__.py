"""The carrier webhook edge: verification (before anything is stored), the inbound and status
entries the handlers call, and the responses carriers get."""
