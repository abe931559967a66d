"""The training hall: JupyterHub for one class on one machine (see docs/phong-hoc.md)."""
