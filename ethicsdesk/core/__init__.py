"""Cross-cutting machinery shared by every domain package: database base, access, errors, i18n."""
