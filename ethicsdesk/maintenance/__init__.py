"""Backup and restore: a database-independent dump of every table plus the stored files."""
