"""A local stack: the template's handlers served over HTTP on an in-process moto server."""
