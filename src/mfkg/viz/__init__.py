"""Interactive HTML views of the graph (pyvis / vis-network), offline and escaped."""
