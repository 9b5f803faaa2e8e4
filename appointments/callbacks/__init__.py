"""Callback requests: a family asks the joint team (Familienbüro) to call back."""
