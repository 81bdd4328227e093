"""The WSGI entry point: `gunicorn wsgi:app`. The scheduler runs as its own process (`tracker scheduler`)."""
from tracker import create_app
from tracker.long_running import settle_heap

app = create_app()
settle_heap()  # each worker imports this module once: what start-up built stays out of the collector's way
