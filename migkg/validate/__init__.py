"""SHACL compiled to SPARQL, pySHACL's rules, check and report queries."""
