"""Core package of the SMS opt-out and consent service, shared by every Lambda through a layer.

Submodules are imported on demand so that each function loads only what its routes use.
"""

__version__ = "0.1.0"
