"""The co-creation process's rules: states folded from events and pure decisions returning events.

No database, clock or Flask in here: handlers pass in the state, the command and `now`.
"""
