"""The demo corpus (``papers/``): illustrative texts written for ``irkg demo``; see README.md."""
