"""Placeholder: page metadata hook."""
