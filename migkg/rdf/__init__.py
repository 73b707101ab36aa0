"""Terms and the quad accumulator: the one serialisation of the built graph."""
