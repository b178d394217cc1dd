"""Rounds, their call for applications and their panels (Presessions)."""
