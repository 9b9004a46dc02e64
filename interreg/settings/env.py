"""Readers for configuration that comes from the environment.

Settings modules are the only place that reads ``os.environ``; these helpers keep
the parsing of booleans, lists and numbers in one place.
"""

import os

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return int(value)


def env_float(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return float(value)


def env_list(name, default=()):
    """A comma-separated variable as a list, blanks removed."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
