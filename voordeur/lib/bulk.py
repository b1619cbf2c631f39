"""Helpers for work over a whole partner file (100,000 rows and more)."""

import functools
import gc
from collections.abc import Callable
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector while a bulk step builds many small objects.

    A 100,000-row file creates several hundred thousand tuples and dicts that all stay alive
    until the step ends; the collector would walk them again and again for nothing (about a
    fifth of the validation time in bench/imports.py). Reference counting still frees what
    is dropped; the collector runs as usual once the step is over.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(function: Callable) -> Callable:
    """Decorator form of `gc_paused`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with gc_paused():
            return function(*args, **kwargs)

    return wrapper
