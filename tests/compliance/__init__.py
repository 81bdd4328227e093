"""Specifications of the compliance answers: each check of the inception report, answered from the log."""
