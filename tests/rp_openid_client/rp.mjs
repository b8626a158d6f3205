// A relying party built on openid-client, driven step by step by the Python
// tests: each command reads and writes its state in a JSON file, so that the
// test can play the browser between the steps.
//
// Usage: node rp.mjs STATE_FILE COMMAND [ARGUMENT]
//   start ISSUER          discover, build an authorization URL (PKCE, state, nonce)
//   callback URL          exchange the code, validate the ID token, call userinfo
//   refresh               refresh the tokens
//   revoke                revoke the current refresh token
//   logout                build the end-session URL
// STATE_FILE starts as {"client_id", "client_secret", "auth_method", "redirect_uri",
// "post_logout_redirect_uri"}. Each command prints one JSON object on stdout.
import { readFileSync, writeFileSync } from "node:fs";
import * as oidc from "openid-client";

const [statePath, command, argument] = process.argv.slice(2);
const state = JSON.parse(readFileSync(statePath, "utf8"));

function clientAuthentication() {
  if (state.auth_method === "client_secret_basic") {
    return oidc.ClientSecretBasic(state.client_secret);
  }
  if (state.auth_method === "client_secret_post") {
    return oidc.ClientSecretPost(state.client_secret);
  }
  return oidc.None();
}

async function configuration() {
  // The test server speaks plain HTTP on loopback.
  return oidc.discovery(
    new URL(state.issuer),
    state.client_id,
    undefined,
    clientAuthentication(),
    { execute: [oidc.allowInsecureRequests] },
  );
}

function save(tokens) {
  state.access_token = tokens.access_token;
  state.refresh_token = tokens.refresh_token ?? state.refresh_token;
  state.id_token = tokens.id_token ?? state.id_token;
}

const commands = {
  async start() {
    state.issuer = argument;
    const config = await configuration();
    state.code_verifier = oidc.randomPKCECodeVerifier();
    state.state = oidc.randomState();
    state.nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: state.redirect_uri,
      scope: state.scope ?? "openid profile email tenant.read roles.read",
      code_challenge: await oidc.calculatePKCECodeChallenge(state.code_verifier),
      code_challenge_method: "S256",
      state: state.state,
      nonce: state.nonce,
    });
    return { authorization_url: url.href };
  },

  async callback() {
    const config = await configuration();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(argument), {
      pkceCodeVerifier: state.code_verifier,
      expectedState: state.state,
      expectedNonce: state.nonce,
      idTokenExpected: true,
    });
    save(tokens);
    const claims = tokens.claims();
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { claims, userinfo, has_refresh_token: Boolean(tokens.refresh_token) };
  },

  async refresh() {
    const config = await configuration();
    const tokens = await oidc.refreshTokenGrant(config, state.refresh_token);
    save(tokens);
    const claims = tokens.claims() ?? null;
    const userinfo = await oidc.fetchUserInfo(
      config,
      tokens.access_token,
      claims ? claims.sub : oidc.skipSubjectCheck,
    );
    return { claims, userinfo };
  },

  async revoke() {
    const config = await configuration();
    await oidc.tokenRevocation(config, state.refresh_token, {
      token_type_hint: "refresh_token",
    });
    return { revoked: true };
  },

  async logout() {
    const config = await configuration();
    const url = oidc.buildEndSessionUrl(config, {
      id_token_hint: state.id_token,
      post_logout_redirect_uri: state.post_logout_redirect_uri,
      state: "logout-state",
    });
    return { end_session_url: url.href };
  },
};

try {
  const result = await commands[command]();
  writeFileSync(statePath, JSON.stringify(state));
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (error) {
  // openid-client errors carry the OAuth error code in `error` or `code`.
  const detail = { name: error.name, message: error.message, error: error.error ?? null, code: error.code ?? null };
  process.stdout.write(JSON.stringify({ failed: detail }) + "\n");
  process.exitCode = 1;
}
