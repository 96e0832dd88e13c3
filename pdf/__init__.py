"""The PDF of each language (`make pdf`): every section of the built site in one book, with WeasyPrint."""
