"""Central API client and its OpenAPI contract."""
