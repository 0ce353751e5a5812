"""Staff accounts, roles, sign-in and each user's own settings."""
