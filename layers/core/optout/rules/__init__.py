"""Pure decision rules: given what was read, what to write, send and record. No I/O here.

- `consent`: every status change and its event, request-time ordering, staff commands;
- `inbound`: what one inbound message does (`decide_inbound`);
- `delivery`: a delivery outcome's effect on the contact's delivery fields and consent;
- `importing`: what one CSV row does;
- `report_counting`: what a batch of table changes adds to the report counters;
- `business_days`, `topic_consent`, `evidence_chain`: revocation deadlines, consent by topic and
  the evidence hash chain (docs/consent-topics.md).

Services read, call one of these, and commit through the repository's unit of work. This package
imports nothing on purpose, so that a function loads only the rules it uses (the delivery-status
function never loads the engine).
"""
