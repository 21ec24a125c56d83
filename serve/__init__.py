"""Serving many analysts: N app replicas behind nginx with sticky sessions (``make serve``).

``nginx.py`` writes the proxy's configuration (pure); ``static.py`` mirrors and precompresses
the static trees nginx serves itself; ``replicas.py`` starts and stops the processes;
``tls.py`` makes a self-signed certificate for trying HTTPS here; ``__main__.py`` is the
foreground command.
"""
