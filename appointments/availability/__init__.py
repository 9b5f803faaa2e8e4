"""Joint free slots: one available staff member of each agency at the same time."""
