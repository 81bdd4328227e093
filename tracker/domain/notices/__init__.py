"""The messages the scheduler sends: what is due (`reminders`) and how each delivery goes out once (`deliveries`).

Pure rules like the rest of the domain: no database, clock, SMTP or Flask. They live in a subpackage because
their dataclasses are the scheduler's working values, never states stored by the `records` read model (whose
version pins the shape of the top-level domain modules' dataclasses).
"""
