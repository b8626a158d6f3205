from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_UPGRADE = {
    "sqlite": """
        CREATE TABLE IF NOT EXISTS "accounts" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "email_verified" INT NOT NULL,
    "password_hash" VARCHAR(255),
    "name" VARCHAR(200),
    "given_name" VARCHAR(100),
    "family_name" VARCHAR(100),
    "preferred_username" VARCHAR(100),
    "locale" VARCHAR(35),
    "disabled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* A Ringnity user, identified across tenants by ``id`` (the OIDC ``sub``). */;
CREATE TABLE IF NOT EXISTS "login_sessions" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "sid" VARCHAR(64) NOT NULL UNIQUE,
    "auth_time" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "ended_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" CHAR(36) NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "scheduler_leases" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "holder" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMP NOT NULL
) /* A lease that lets one instance run a scheduled job, such as key rotation. */;
CREATE TABLE IF NOT EXISTS "scope_groups" (
    "key" VARCHAR(64) NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "enabled" INT NOT NULL,
    "api_endpoint_ready" INT NOT NULL,
    "permission_policy_ready" INT NOT NULL,
    "audit_ready" INT NOT NULL,
    "docs_ready" INT NOT NULL,
    "position" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* A group of scopes that is enabled only when every readiness item is done. */;
CREATE TABLE IF NOT EXISTS "catalog_scopes" (
    "name" VARCHAR(100) NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL,
    "position" INT NOT NULL,
    "group_id" VARCHAR(64) NOT NULL REFERENCES "scope_groups" ("key") ON DELETE CASCADE
) /* A scope name, or a pattern ending in ``.*`` for a planned family. */;
CREATE TABLE IF NOT EXISTS "server_secrets" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "value" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* A named random secret, such as the key that signs CSRF tokens. */;
CREATE TABLE IF NOT EXISTS "signing_keys" (
    "kid" VARCHAR(64) NOT NULL PRIMARY KEY,
    "alg" VARCHAR(16) NOT NULL,
    "private_jwk" JSON NOT NULL,
    "public_jwk" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "activates_at" TIMESTAMP NOT NULL,
    "retired_at" TIMESTAMP,
    "expires_at" TIMESTAMP
) /* A JOSE signing key pair. */;
CREATE TABLE IF NOT EXISTS "tenants" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "slug" VARCHAR(63) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "api_keys" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(16) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "permissions" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "tenant_id" CHAR(36) REFERENCES "tenants" ("id") ON DELETE CASCADE
) /* A platform admin key (no tenant) or a tenant API key. */;
CREATE TABLE IF NOT EXISTS "audit_events" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "actor_type" VARCHAR(32) NOT NULL,
    "actor_id" VARCHAR(64),
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(32),
    "target_id" VARCHAR(64),
    "request_id" VARCHAR(64),
    "details" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_b36abe" ON "audit_events" ("action");
CREATE INDEX IF NOT EXISTS "idx_audit_event_created_be2801" ON "audit_events" ("created_at");
CREATE TABLE IF NOT EXISTS "memberships" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "disabled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" CHAR(36) NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_memberships_tenant__8de278" UNIQUE ("tenant_id", "account_id")
) /* An account's place in a tenant, with the roles it holds there. */;
CREATE INDEX IF NOT EXISTS "idx_memberships_account_4d41fc" ON "memberships" ("account_id");
CREATE TABLE IF NOT EXISTS "oauth_clients" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "client_id" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "client_type" VARCHAR(16) NOT NULL,
    "application_type" VARCHAR(16) NOT NULL,
    "token_endpoint_auth_method" VARCHAR(32) NOT NULL,
    "redirect_uris" JSON NOT NULL,
    "post_logout_redirect_uris" JSON NOT NULL,
    "allowed_scopes" JSON NOT NULL,
    "grant_types" JSON NOT NULL,
    "allowed_cors_origins" JSON NOT NULL,
    "require_pkce" INT NOT NULL,
    "skip_consent" INT NOT NULL,
    "jwks" JSON,
    "backchannel_logout_uri" VARCHAR(2000),
    "backchannel_logout_session_required" INT NOT NULL,
    "access_token_ttl" INT,
    "id_token_ttl" INT,
    "refresh_token_ttl" INT,
    "refresh_token_grace_seconds" INT NOT NULL,
    "enabled" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "oauth_client_secrets" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE
) /* The SHA-256 digest of one client secret; the plaintext is never stored. */;
CREATE TABLE IF NOT EXISTS "consents" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "scopes" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" CHAR(36) NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_consents_account_49c4ba" UNIQUE ("account_id", "client_id")
) /* Scopes an account has approved for a client. */;
CREATE TABLE IF NOT EXISTS "grants" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "scopes" JSON NOT NULL,
    "auth_time" TIMESTAMP,
    "session_sid" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "revoked_reason" VARCHAR(64),
    "account_id" CHAR(36) REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
) /* One authorization of a client; every token descends from exactly one. */;
CREATE INDEX IF NOT EXISTS "idx_grants_session_62e9ee" ON "grants" ("session_sid");
CREATE TABLE IF NOT EXISTS "access_tokens" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "scopes" JSON NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" CHAR(36) REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "grant_id" CHAR(36) NOT NULL REFERENCES "grants" ("id") ON DELETE CASCADE,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_access_toke_grant_i_04e3d7" ON "access_tokens" ("grant_id");
CREATE TABLE IF NOT EXISTS "authorization_codes" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "redirect_uri" VARCHAR(2000) NOT NULL,
    "scopes" JSON NOT NULL,
    "nonce" VARCHAR(512),
    "code_challenge" VARCHAR(128),
    "code_challenge_method" VARCHAR(8),
    "auth_time" TIMESTAMP NOT NULL,
    "session_sid" VARCHAR(64),
    "expires_at" TIMESTAMP NOT NULL,
    "consumed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" CHAR(36) NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "grant_id" CHAR(36) REFERENCES "grants" ("id") ON DELETE SET NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMP NOT NULL,
    "rotated_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "grant_id" CHAR(36) NOT NULL REFERENCES "grants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_grant_i_dd5cc4" ON "refresh_tokens" ("grant_id");
CREATE TABLE IF NOT EXISTS "roles" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_roles_tenant__0f1d78" UNIQUE ("tenant_id", "name")
) /* A tenant-scoped role; its name is what the ``roles`` claim carries. */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS "membership_roles" (
    "membership_id" CHAR(36) NOT NULL REFERENCES "memberships" ("id") ON DELETE CASCADE,
    "role_id" CHAR(36) NOT NULL REFERENCES "roles" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_membership__members_48f3bd" ON "membership_roles" ("membership_id", "role_id");
CREATE TABLE IF NOT EXISTS "client_allowed_roles" (
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "role_id" CHAR(36) NOT NULL REFERENCES "roles" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_client_allo_client__7add8e" ON "client_allowed_roles" ("client_id", "role_id");""",
    "postgres": """
        CREATE TABLE IF NOT EXISTS "accounts" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "email_verified" BOOL NOT NULL,
    "password_hash" VARCHAR(255),
    "name" VARCHAR(200),
    "given_name" VARCHAR(100),
    "family_name" VARCHAR(100),
    "preferred_username" VARCHAR(100),
    "locale" VARCHAR(35),
    "disabled_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "accounts" IS 'A Ringnity user, identified across tenants by ``id`` (the OIDC ``sub``).';
CREATE TABLE IF NOT EXISTS "login_sessions" (
    "id" UUID NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "sid" VARCHAR(64) NOT NULL UNIQUE,
    "auth_time" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "ended_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "account_id" UUID NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "scheduler_leases" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "holder" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "scheduler_leases" IS 'A lease that lets one instance run a scheduled job, such as key rotation.';
CREATE TABLE IF NOT EXISTS "scope_groups" (
    "key" VARCHAR(64) NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "enabled" BOOL NOT NULL,
    "api_endpoint_ready" BOOL NOT NULL,
    "permission_policy_ready" BOOL NOT NULL,
    "audit_ready" BOOL NOT NULL,
    "docs_ready" BOOL NOT NULL,
    "position" INT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "scope_groups" IS 'A group of scopes that is enabled only when every readiness item is done.';
CREATE TABLE IF NOT EXISTS "catalog_scopes" (
    "name" VARCHAR(100) NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL,
    "position" INT NOT NULL,
    "group_id" VARCHAR(64) NOT NULL REFERENCES "scope_groups" ("key") ON DELETE CASCADE
);
COMMENT ON TABLE "catalog_scopes" IS 'A scope name, or a pattern ending in ``.*`` for a planned family.';
CREATE TABLE IF NOT EXISTS "server_secrets" (
    "name" VARCHAR(64) NOT NULL PRIMARY KEY,
    "value" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "server_secrets" IS 'A named random secret, such as the key that signs CSRF tokens.';
CREATE TABLE IF NOT EXISTS "signing_keys" (
    "kid" VARCHAR(64) NOT NULL PRIMARY KEY,
    "alg" VARCHAR(16) NOT NULL,
    "private_jwk" JSONB NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "activates_at" TIMESTAMPTZ NOT NULL,
    "retired_at" TIMESTAMPTZ,
    "expires_at" TIMESTAMPTZ
);
COMMENT ON TABLE "signing_keys" IS 'A JOSE signing key pair.';
CREATE TABLE IF NOT EXISTS "tenants" (
    "id" UUID NOT NULL PRIMARY KEY,
    "slug" VARCHAR(63) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "api_keys" (
    "id" UUID NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(16) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "permissions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "tenant_id" UUID REFERENCES "tenants" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "api_keys" IS 'A platform admin key (no tenant) or a tenant API key.';
CREATE TABLE IF NOT EXISTS "audit_events" (
    "id" UUID NOT NULL PRIMARY KEY,
    "actor_type" VARCHAR(32) NOT NULL,
    "actor_id" VARCHAR(64),
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(32),
    "target_id" VARCHAR(64),
    "request_id" VARCHAR(64),
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_b36abe" ON "audit_events" ("action");
CREATE INDEX IF NOT EXISTS "idx_audit_event_created_be2801" ON "audit_events" ("created_at");
CREATE TABLE IF NOT EXISTS "memberships" (
    "id" UUID NOT NULL PRIMARY KEY,
    "disabled_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "account_id" UUID NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_memberships_tenant__8de278" UNIQUE ("tenant_id", "account_id")
);
CREATE INDEX IF NOT EXISTS "idx_memberships_account_4d41fc" ON "memberships" ("account_id");
COMMENT ON TABLE "memberships" IS 'An account''s place in a tenant, with the roles it holds there.';
CREATE TABLE IF NOT EXISTS "oauth_clients" (
    "id" UUID NOT NULL PRIMARY KEY,
    "client_id" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "client_type" VARCHAR(16) NOT NULL,
    "application_type" VARCHAR(16) NOT NULL,
    "token_endpoint_auth_method" VARCHAR(32) NOT NULL,
    "redirect_uris" JSONB NOT NULL,
    "post_logout_redirect_uris" JSONB NOT NULL,
    "allowed_scopes" JSONB NOT NULL,
    "grant_types" JSONB NOT NULL,
    "allowed_cors_origins" JSONB NOT NULL,
    "require_pkce" BOOL NOT NULL,
    "skip_consent" BOOL NOT NULL,
    "jwks" JSONB,
    "backchannel_logout_uri" VARCHAR(2000),
    "backchannel_logout_session_required" BOOL NOT NULL,
    "access_token_ttl" INT,
    "id_token_ttl" INT,
    "refresh_token_ttl" INT,
    "refresh_token_grace_seconds" INT NOT NULL,
    "enabled" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "oauth_client_secrets" (
    "id" UUID NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "oauth_client_secrets" IS 'The SHA-256 digest of one client secret; the plaintext is never stored.';
CREATE TABLE IF NOT EXISTS "consents" (
    "id" UUID NOT NULL PRIMARY KEY,
    "scopes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "account_id" UUID NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_consents_account_49c4ba" UNIQUE ("account_id", "client_id")
);
COMMENT ON TABLE "consents" IS 'Scopes an account has approved for a client.';
CREATE TABLE IF NOT EXISTS "grants" (
    "id" UUID NOT NULL PRIMARY KEY,
    "scopes" JSONB NOT NULL,
    "auth_time" TIMESTAMPTZ,
    "session_sid" VARCHAR(64),
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(64),
    "account_id" UUID REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_grants_session_62e9ee" ON "grants" ("session_sid");
COMMENT ON TABLE "grants" IS 'One authorization of a client; every token descends from exactly one.';
CREATE TABLE IF NOT EXISTS "access_tokens" (
    "id" UUID NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "scopes" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "account_id" UUID REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "grant_id" UUID NOT NULL REFERENCES "grants" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_access_toke_grant_i_04e3d7" ON "access_tokens" ("grant_id");
CREATE TABLE IF NOT EXISTS "authorization_codes" (
    "id" UUID NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "redirect_uri" VARCHAR(2000) NOT NULL,
    "scopes" JSONB NOT NULL,
    "nonce" VARCHAR(512),
    "code_challenge" VARCHAR(128),
    "code_challenge_method" VARCHAR(8),
    "auth_time" TIMESTAMPTZ NOT NULL,
    "session_sid" VARCHAR(64),
    "expires_at" TIMESTAMPTZ NOT NULL,
    "consumed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "account_id" UUID NOT NULL REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "grant_id" UUID REFERENCES "grants" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" UUID NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "rotated_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "grant_id" UUID NOT NULL REFERENCES "grants" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_refresh_tok_grant_i_dd5cc4" ON "refresh_tokens" ("grant_id");
CREATE TABLE IF NOT EXISTS "roles" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenants" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_roles_tenant__0f1d78" UNIQUE ("tenant_id", "name")
);
COMMENT ON TABLE "roles" IS 'A tenant-scoped role; its name is what the ``roles`` claim carries.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS "membership_roles" (
    "membership_id" UUID NOT NULL REFERENCES "memberships" ("id") ON DELETE CASCADE,
    "role_id" UUID NOT NULL REFERENCES "roles" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_membership__members_48f3bd" ON "membership_roles" ("membership_id", "role_id");
CREATE TABLE IF NOT EXISTS "client_allowed_roles" (
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    "role_id" UUID NOT NULL REFERENCES "roles" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_client_allo_client__7add8e" ON "client_allowed_roles" ("client_id", "role_id");""",
}

_DOWNGRADE = {
    "sqlite": """
        """,
    "postgres": """
        """,
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _UPGRADE[db.capabilities.dialect]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return _DOWNGRADE[db.capabilities.dialect]


MODELS_STATE = (
    "eJztXVtz2zYW/isYvWy6o2ZiO3Ezzc7OyI6bunHiTqxsO206FExCEmqKYAHSjreb/74ASI"
    "k3kCYk0iIZvLQxgQNS38Hl3PH3aEUc5LKnE9tGjE3JDfJG34O/Rx5cIf4PVfMYjKDvJ43i"
    "QQCvXdkfyo5WIHrKFnjNAgrtgDfOocsQf+QgZlPsB5iId3mh64qHxOYdsbdIHoUe/itEfK"
    "wFCpaI8obf/+CPseegz4it//RvrDlGrpP5bOyId8vnVnDvy2cfP56//kH2FK+7tmzihisv"
    "6e3fB0vibbqHIXaeChrRtkAeojBATupniK+Mf/b6UfTF/EFAQ7T5VCd54KA5DF0Bxuhf89"
    "CzBQZAvkn85/m/409LdbOs95dT6+psalkjDexs4gncsRcIoP7+Eo2bACKfjsQLTn+cfHhy"
    "dPyNhICwYEFlo4Rr9EUSwgBGpBL0BGUHLxALikifLiFVI51Q5NDmH9sOzmuIWgB1tIKfLR"
    "d5i2DJ/zx+XgHyfyYfJM7HzyXOhK+IaL28j1sOZZOAO4GX2USMUYD3p6vL92p4E4ocvA62"
    "A/A/4OIIfF2Y1w8SnJO1rJjQ1yF2A+yxp+J9+5jTAiEx8oqxv9w0zE/eTX7Nc+D04vIkP/"
    "nFACc5dqDPPubNFlTM+NcczACvkJotWco8a2LSp+t/tMWgFldCBSum5+/OrqaTdz9n+PF6"
    "Mj0TLYfy6X3u6ZPjHI82g4Bfzqc/AvEn+O3y/VmebZt+099G4ptgGBDLI3cWdNKYrB+vH2"
    "XYTNEtP7ycLdicpWyAzfFmZrjcPJdtigTuW3A5SznAxcznMXQuPfc+noE9YXu8WCq5zqVT"
    "EnqBpSceZql2EBP7s54fFApTK8nFSBvSDFGTgvcgIF1QqI1omqZdQB9TxG4GzwB5+oBmiM"
    "wU5ZAKbXt+o9QE5ewrovsDoQgvvLfoXmJ8zj8EejZSIBrbGd6sx+nlNE2eJu+n8G5jn8gs"
    "Uv7j+U9GQaQxT65OJ6/PRoqdtQFULydhsDzdjNbPCfsguJkz5WF0o/XdALrTzUADBTazEz"
    "4MbCwuNYDsJBmpl5LVg8hmJUs1tGLXvYb2zR2kjpXZfkULOSS5J5u+xabV4Sr/BHpwIfER"
    "P0R8dg56tS14zZVKO7DoVM8EPJqADxxODwf3IGSIjgF2+FLG/FsdAG1KGAPRJGTg+h7MZt"
    "iZzcCTYInA5fnrU/6Ahdez2TdPRznuNDqwMUd3QAYZV5ij0QpiV8cavSEYnDH66PBZDWs0"
    "71VqjpZtOQOogMu6RVSunyLQJ4S4CHoVWGeIc6Bfc+q2DtHNk8edyyeXlxcZy8jJ+TSH98"
    "d3J2cfnhxINvBOONr8z99Pc9j7kLE7wnf1JWRLnTleINxqrnfsfM1O9sMXL2pMdt6rdLLL"
    "tizg8v8aOK/7DxDeZ3X2Et6rHN5nhb1kgW+RZ+mCnKUaHtQHtaA+qID6oAj1HK6we6+NdY"
    "7MgF0LbJ+iOaIUOZaQN3UxV1Mb6GtB7xIbulpwJxTDg/iozpl4VH4kHhVORAcz8cO38Znl"
    "SI1r1LhGjWu0W67R0He25HqW0nC9K1xXLHb59QU3TrmFMWPUTeI6FTFpJzH9D28/IBdKhI"
    "uTQR1M2sudvmDazZrAQ/67Kf6vBIL35e/aFbP0iKf8WQ/XUS3oRCviBDvidRoNM1SUpCNx"
    "R4jq+lr7uAAZX3B83B0RuiAL7F1FQw11Jq3Q6hpRtsT+jmC92ww0JKha9bH5+C26H6lcbF"
    "HLuNLD5mPrBt3X9rD5nIFzQlcAOivsAU4Knngkdn99AwgFMP4DTH4+F+0qd9oWo3zyPnlC"
    "egLCrXb14+TbwxfHIEoEAGQun4phMAMsIBQ5r8BsJgwh+PNsJp7igIE5piz45Nlclec/k0"
    "+zMWBLcucB/g0iyJzTEgA9wB8hCmz+rwC5rhiXAehDGhgPXh88eCahpNWEkmhV6RokI4pm"
    "4N23Jpe1Qh7XMULmtbOUDfJ4r06jboPbitfIR3SFyyS78rSoHJnJjcpYJ5rIjTI2w/Jl0U"
    "/rUR2bYYcy4rqppHadybX8AS5kgfBHbrO687SG013mtEl9/Bq4vNdsmP7wdftkmMfPLOgm"
    "qk0kFuwp+j10cHB2i0oC4JPWcaWFTvSzkOhoSqEM3HLF2UpoBFgB7XL9P0s1QCvA0WGtMP"
    "SKKPS8CSCCTDWpH4JZObUHEOnVvJ0Q2mtXjwbCaudQY5N4SHbYAFK+j2vvFjmy4c3k5neL"
    "GDK97SJDNDyUm5/PFPGfyXRhzlIZnB/G2UEBxK6W6TtF0g2zt3itMXvvxez9qEfocK3exn"
    "5i7CePgmqf7Sf5aFWlGUUR0lplTSnE1BqjyrCNKiYcqGWx3cEU2YEVUqwnuGfpBmi3OnxW"
    "N3ylMn6lEMBiSvp2Sn73SCw/1A7YImqBYwDq6ouDOtYX3qt0wsu2nILEj2nLXkJXvEYL6S"
    "Ll8CA/OHxZJwLx8GV5CKJoq4LcWnHZhmjZZUoHGB4D6sBfDn4BeiGiWmt9XccakCEcYAxc"
    "T7T/WuETcWqRxfSsnTmy4a2l5uXTDoUXmgXVYr0B/tPC1XZW1CypiTvrNJ97ZSw3MeLNWM"
    "v3XHK/a5zexVBmau63COkea+7358wxNfc75CYz5eG1nGWa5eH3UcW8r9DWKWNuSu+35OEt"
    "HGIN4Dqw0jB5VEuv4eAfAN5/vLjYl9/8FAbQJYsr4fMZKVzmmfZxlbfcjnpaifuoTo0Q2R"
    "uIl46jUh4+DAJEPYA8hwMvqm3MZk//OZuBedTsQs9DDohqxarqhTQw4g5u+v3m43fIedxg"
    "wdUKd33qSwugT9HnoCxEMUM2CG9ylQJ/9uu02pG50d8vLt+/WXfPezdzhREIw2rcz70S2N"
    "MkOcxxe2fqs7am+0J8wbeHB8+/e/7y6Pj5S95FfuXmyXcVPCnW219QEvqaAc1pmkHM4jYM"
    "/BUKjcSvAelFHo9v1oP1DPP6Mkwy2boU+hfpkVfIpkiZPJlprxRhiPSKxmobkwQ1BZmpst"
    "AY8RCIRgPRaK9k7TEucXCU+ekkao156BbRuA5ZUZxpaFxREG2yJllCxsl4K3QBJXcM3C2x"
    "i7gkREkgQx0B4Y0u9Nn30bAU3WISsvhdn7wbhHxOReiNkKe4GoZdLlIlHjAuXu0oRZlgRx"
    "Ps2Muzxnif6kE/XO9Th0IIumkr6TqT63mWjTvM+Bq6JJzX8DXsSTqPy6KrBPOkYnqFWTGu"
    "zl5PDpeKGBN1eWMPgZR2+eiUy7RObPGLsCoK27rECgH397QXJ57Cfxipt0tSr0mI6FRChJ"
    "GSv0Yp2dz9MzSuK8Tm4iU1JjLPROZ1FNIKVcQE5rQXmGPUvGGoeVH8jkLJ2wT2lKt4ydVS"
    "Dyt4lx4CmboMwh+y1speAeHWuAfyzjggKJHnMDCnZAXQZz6uey98J0XNr7FRjc+jA1v52G"
    "h/fdH+OpO/amzlX2f6qnE4FimNUt2V9VXHlGKuUPgaNtE1r/g8ZnqFkouUphJAnYLUezVV"
    "dQxtY6nqKKQm59HEIfTNQLXvnMdu7q0m5bHLKY/lRtXMXOYqqyXNhDvebD6RQ03FSAPCvW"
    "D5yRXX3RU0VXXfYewFOVVgzk+vZSMT7UM01uBmWpuujguywN5VZJ0aKTwemfZxlePDFT2t"
    "2NBlaksP3PVg0i1a1dh1zctNZk0OGtjO+Gg6evoMwr7YobQVw+YW2cwh3MZVkKYzjoIuc9"
    "g4AcsPyuE6AU1krQkD7ZJJrY6xcj+Biu/Q6hpRtsT+SKG7p1rHVZr7atOvbqWrTVLZP5go"
    "1GAjUYgKgsj2OAZ3OFjKaguUuIgBHIAl4T9HPKKKgMXdh1MmryU24/VkN8lrHbMhMAHANs"
    "d7jtRIcUaKM1KckeL0OP2Ydi0TIdEhSCvkYuNobtDRvO/giG7uAd3WN1KuWSFtF/n1Dnr3"
    "UyL+W5NfH/g4vfNDVPBK/iwrp2utfyQVXmousWyas7rVnFDJhRt0v4Y4ZvOGQXFTQhh3CJ"
    "aUhItlrm3DJOU04c+tAuxfKlXKdGSXQqfMBX7VKz9ovMED1+QqgmErLkqsCIY1rsui63K/"
    "1bj3rSjl7xeuge5h9e3ChYyjaD5KnPSn8ZpsgGgfHNcA+yCvaqZqnx8XvPC+72I7ipbTxV"
    "tF+3igj+7QdVt7c9uoyxg7C3mOT/grLXlA699vWz3KAKf/UZ2LnY/K73U+KlzrnL4BXit9"
    "u0Bosrgz1rAmsrhFu+WSBQkDa2tGVQ5imNY406DrkjuudulXRChSGvY0zp7oxqDoRRq8yZ"
    "EZxrS2bmxCmUUoXmBVEP7DqydPb1jVOKso+ivk54jl39gKefmEEBdBr0xsyJLmuHPNadti"
    "y1oBf1wGnFxeXmQYcHKevwXo47uTMy4/S27wTjgynBVvsmE32LfspLivBux50keEffOkt7"
    "j/eXejtROt+++08/QnCKCVLUbYoO2luEHOXQuvXGbVUQ7LRxhenYbDZ3WtUJVmqIIdSoHh"
    "unxQvJEr9PXKjajmiGZ/0tif0gmyVhC4RZaUXh2nIt3qCrmuLY+GL5HDzlbw5skMtEVoM2"
    "m3mvgqaQ3ID4HMlVkbiYvYiOcoJJuacBdGMXdP5mFHngwN1TwjU1RGPap/DJrYzvJ5PdzY"
    "TnPjwdC4rgjkLtTqMNGnJvq0KzGSbZQ5MnWO+lHnqJfQpW5g3h6t/O3PQwRqfUferlAldv"
    "chopRcM7E9RJvbLIYIULawmKkspgSssVyBtR/Y5Aw0kDOQCpqvny+QiaZO5QrEzwsMaipf"
    "ILM0FAkD+aVTnjFQLAVoUgaGmzJgCsi1mixgSmBtM587bpEpGuIoCbY0xGUpTQGFTnPZ3I"
    "ryFXDZuFLKT8t+GtXruFLMPSKNV8mIwsb1EE3TmKojlU6KBW3GR9Gg+akjWn7GQ5GeUebq"
    "4IbB7ezVwdKmozKDxLaeCvPH2jJTo/5eXBrvW5m05Mi6eK8ADhgQbwWYgbslDGTJvNlMjj"
    "ubAduFeAVsSClGTFGEr5kxH6jEJ1ExZfg6ZYkxdQWSnOtaEd0HFQHdB4q6Akau/wrlehMs"
    "Y4JluiIt7RQs05iPMF8KazcPYba4ca9s/7p+wuxPzXsLE5dr1ldYKCCW9ximnIlN1BYrBn"
    "Kk3Ji78XpHnaZXzM791jy3i472LNczilE9ju/kId6EEZRqRFf2Ejmhi+gFgkypG+V6jKu0"
    "JLbuy4U23rm2wiR7c+2FqzD8JzFAPFFkPJp4gIai3Ph6aAf8Sa7HgIX2EkAGOHZAOkv4WC"
    "q1qcGRd3Ba71eIH6ArtVxfEsXnEdUBO6EYoM5kfNfdEKS7pCCV+rsK4vx+rHRXwsb1hp+A"
    "ynszUq0PnEW8n7UQHWufQ7I3IHMQ1RuKzg3MQJx+xk8P9x7cLZEH0C2i/HzgCjL2EBPXXq"
    "CV6OnwA0Z1DjU48g7nkJA0NHbGuLs5hbRPoQAHrtaJvyEY4BnUSj3Q9JcVcJ6izyX5ujmy"
    "QaBddeyc/TrNnDiFQiSbU+fi8v2bdfd8dZL+pvBunvQ2hxf6OKnnKY4FxRZeCbx6AMMDDR"
    "74iK5wVJLFJy6277diRMUohhs6KyJ08JZLIUtpUNdAXXzHVqBnCQ3mOvsOYVgt4ZQWJEmT"
    "mOojeUBNaYRyqPvp7VUYMzZW75q2jFQacEmBYq3UVq4TumQhzRQ9nAZtZSNWW3wQvUU0zp"
    "xW2XzS7eNKq4/saaXyuevYfcTrHECh55AViGgTR4AIqhLOAGmyYXjhMXB69eEHEGXCqYw9"
    "uw5nPA19sPHcQjfUwnpDMAirQy426/Blndisw5flsVmizcRmDfu0LovN6orngW/HHPW30i"
    "FfPIWS1uozKOon/Pq1T6CfLq/OQEwojwcfYqo6W9QdP3mfvIn8EzPgh9cuZkt+BGFPHjc/"
    "/fL2CswpP4xms2RlzGbj+PwRTZ+82Yx/I77lrUy2gtALsCviifkioRsSfqoJr/otYsnYMB"
    "DkiX9P9psHiMbeDHm2iavBxfv4dy35ORj1dnZ2aehda3ZjLjTb8riD7kIH6Lj7EI+6xq9+"
    "8qlcdtafdzdFiCuuscmSPf6tDvvxabRzr5DYM21tDmSoDAN2YICR9b4WWS9bpz2ROHT5nq"
    "cdIOd7wunSgKJsmYS1FKnL6CylKZPQZS53KDrQcHmIwYFxOpBCPU8ShcpV8yjXxpQvG3jS"
    "LHNDLWV13X94ZoGjOmaBo3KzwJG55/xx4xpZAINQ4YKsmLwbike8aFsK36itXaFtg4tRNs"
    "uhH66yaYI/hsb1RoM/zG0DercN+Hjj4doBKB/H/rReanMPXcggwk3RrTrRWu8iBj7S2W29"
    "FOt+QmXurtgSuuiyAXPbQDlClbUtdFDaraxFH6AqLQuhA9Mwq9xlrdnqqxS0rq3Y8haFrs"
    "LTptVvgii2lyOF1S9uGVdZ/WDSpzNGv4oLchVTRhG6H5/y3TVENRK6XxF+yTdiZWpERQBm"
    "QjJEc9SLF3XMUS9elJujRFs++9DXQTjuPkB02yk+SLxAWVi2POQkRWLiTTTjTfbqwvryfw"
    "WN8QU="
)
