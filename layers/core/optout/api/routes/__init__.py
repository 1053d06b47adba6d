"""One Powertools `Router` per resource; each API function's resolver includes the routers it serves.

Nothing is imported here: a function loads only its own routes (and their schemas and services).
"""
