"""The reminder scheduler: `tracker scheduler`, its tick, and the messages each due delivery becomes."""
