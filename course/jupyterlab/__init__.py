"""JupyterLab as trainees use it: the Vietnamese settings (overrides.json) and the trainee's folder (lop_hoc)."""
