"""Use cases shared by the OIDC endpoints and the GraphQL admin API."""
