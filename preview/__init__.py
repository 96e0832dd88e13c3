"""The preview server behind `make serve`: `mkdocs serve` that shows an edited page first."""
