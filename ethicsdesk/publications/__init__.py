"""Publishing signed advisories: catalogue, search and public pages."""
