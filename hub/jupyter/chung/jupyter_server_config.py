# Settings of every user server in the hall (JupyterLab in Vietnamese comes from overrides.json).
c = get_config()  # noqa: F821
# The officer app opens with the project's Voilà template (app/share/jupyter is on JUPYTER_PATH).
c.VoilaConfiguration.template = "khuyenhoc"
# Trainees work in their own home; hidden files stay hidden.
c.ContentsManager.allow_hidden = False
