"""Each domain module's decisions and fold: given these events, when this command, then these events or this error."""
