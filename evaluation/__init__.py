"""Measured evaluation of the opt-out engine: a labelled corpus and the `make eval` harness.

The corpus lives in `evaluation/corpus/{dev,test}/*.jsonl` (see docs/evaluation.md). The test
split is for measuring only: nobody tunes the engine against it. `python -m evaluation` prints
opt-out precision and recall, accuracy per category and language, and false opt-outs on a
corpus of real SMS messages when that corpus is present.
"""
