"""Tests of the opt-out engine (optout.engine) and its command line."""
