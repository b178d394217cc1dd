"""Importers of past UPR recommendations (UPR Info CSV exports, OHCHR Word matrices)."""
