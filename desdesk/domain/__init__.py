"""Pure rules, enums and value objects: no I/O, no Qt, no SQL."""
