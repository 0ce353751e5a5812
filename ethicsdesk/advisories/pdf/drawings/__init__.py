"""Native reportlab vector drawings: risk maps, the compass heat map and the value graph."""
