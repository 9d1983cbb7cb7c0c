"""Synchronisation with the central API."""
