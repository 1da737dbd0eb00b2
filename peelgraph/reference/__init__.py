"""Reference lists: the 43 forces, PEEL questions, grades, schemes and statuses."""
