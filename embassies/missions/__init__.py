"""Permanent Missions in Geneva and their diplomats.

One ``PermanentMission`` per State (Member and observer States alike). A ``Diplomat`` belongs to one
Mission; when a diplomat leaves, ``rotate_diplomat`` marks them left and links a successor who inherits
the issue portfolio, so past invitations and attendance keep pointing at the person who was there.
Diplomats never need an account: ``Diplomat.user`` is optional (role ``is_diplomat`` on ``core.User``).
"""
