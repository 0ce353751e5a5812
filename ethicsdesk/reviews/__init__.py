"""Technology review cases: the request from procurement and its way through the committee."""
