"""The Textual app. Build it with :func:`neuroquiz.tui.app.create_app`.

Only this package (and the CLI, lazily) imports Textual; nothing is imported here so that
``import neuroquiz.tui`` stays cheap.
"""
