"""Maintainer scripts (not shipped): see ``scripts/numbering_plan``."""
