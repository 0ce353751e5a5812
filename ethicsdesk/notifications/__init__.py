"""In-app notifications, mirrored by e-mail when SMTP is configured."""
