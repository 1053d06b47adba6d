"""Request and response models, one module per resource; Powertools builds the OpenAPI document from them.

Nothing is imported here: a function loads only the schemas of the routes it serves.
"""
