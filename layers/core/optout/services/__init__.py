"""Domain services: each reads through the repository, applies the pure rules, and writes."""
