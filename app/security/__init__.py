"""Cryptographic helpers with no database or web dependencies."""
