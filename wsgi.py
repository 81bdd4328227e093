"""The WSGI entry point: `gunicorn wsgi:app`. The scheduler runs as its own process (`tracker scheduler`)."""
from tracker import create_app

app = create_app()
