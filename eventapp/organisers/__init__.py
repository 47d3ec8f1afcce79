"""Organisations as organisers: their staff, their dashboard and their public page /o/<slug>/."""
