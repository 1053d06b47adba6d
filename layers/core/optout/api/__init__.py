"""The HTTP edge shared by the API functions: authentication, errors and request/response models."""
