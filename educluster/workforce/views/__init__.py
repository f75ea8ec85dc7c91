"""Workforce pages. Each view: check access, call one service or selector, render."""
