"""Serving many analysts: N app replicas behind nginx with sticky sessions (``make serve``).

``nginx.py`` writes the proxy's configuration (pure); ``replicas.py`` starts and stops the
processes; ``__main__.py`` is the foreground command.
"""
