"""The app's screens, one module each; the app opens them by name (see ``tui/app.py``)."""
