"""Command handlers: load the state a command needs, decide, append. One module per area."""
