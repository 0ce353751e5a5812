"""Committee meetings: agenda, attendance, conflicts of interest, positions, minority opinions."""
