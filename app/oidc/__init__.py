"""The OAuth 2 and OpenID Connect protocol endpoints."""
