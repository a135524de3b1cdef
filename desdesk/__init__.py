"""desdesk: the desktop tool of the Distretti di Economia Solidale (DES) secretaries."""

__version__ = "0.1.0"
APP_NAME = "desdesk"
