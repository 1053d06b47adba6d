"""Reassigned-number and line-type lookups for eligibility (issue #15, docs/lookups.md).

- `ports`: what a lookup answers (`ReassignedAnswer`, `LineTypeAnswer`), the two Protocols, and
  the three ways one fails (unavailable, refused for the number, misconfigured);
- the adapters: `twilio_lookup` (Lookup v2 over HTTPS), `carrier_lookup` (AWS End User
  Messaging's CarrierLookup) and `reassigned_file` (the results files a workspace uploads);
- `credentials` (the workspace's secrets), `cached` (how long an answer stays good), `evidence`
  (a reassigned "yes" on the contact) and `lookup_runner.run_lookups`, which eligibility calls.
"""
