"""Command-line entry points, each loaded only when its command runs."""
