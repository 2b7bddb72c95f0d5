"""Overdue and due-soon items, and the follow-up calendar (årshjul), computed on the model."""
