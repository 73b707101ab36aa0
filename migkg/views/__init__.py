"""What a build shows: canned queries, the projection, paths, networks, search."""
