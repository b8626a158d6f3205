"""Login with Ringnity: an OAuth 2 and OpenID Connect provider."""
