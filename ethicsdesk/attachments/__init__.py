"""Vendor documents attached to a review case: checked by content, stored outside static."""
