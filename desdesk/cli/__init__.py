"""Thin argparse layer over the services."""
