"""Core: the records, errors, artifact schemas and I/O, and text patterns every stage uses."""
