"""Voordeur: sociaal renoveren, door by door."""
