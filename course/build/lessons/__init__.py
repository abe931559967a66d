"""Lesson builders: each module has SLUG, TITLE and build() -> notebook."""
