"""Assignment builders: each module has ASSIGNMENT, TITLE and build() -> {notebook name: notebook}."""
