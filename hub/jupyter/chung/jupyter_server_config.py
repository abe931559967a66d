# Settings of every user server in the hall (JupyterLab in Vietnamese comes from overrides.json).
c = get_config()  # noqa: F821
# The officer app opens with the project's Voilà template (app/share/jupyter is on JUPYTER_PATH).
c.VoilaConfiguration.template = "khuyenhoc"
# Trainees work in their own home; hidden files stay hidden.
c.ContentsManager.allow_hidden = False
# Kernels nobody used for 20 minutes are shut down (their notebooks stay): RAM for the rest of the hall.
c.MappingKernelManager.cull_idle_timeout = 1200
c.MappingKernelManager.cull_interval = 120
c.MappingKernelManager.cull_connected = False
