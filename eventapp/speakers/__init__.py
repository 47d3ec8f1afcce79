"""The shared directory: people and the organisations they represent, across events."""
