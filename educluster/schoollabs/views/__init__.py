"""School-Lab pages. Each view: fetch through a scoped selector, check the action, call one
service or selector, render."""
