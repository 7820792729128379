// Microsoft's Node.js library (@azure/msal-node) asks for an app-only token as a
// daemon would: ConfidentialClientApplication.acquireTokenByClientCredential
// against AUTHORITY (exomock's https listener; the local CA comes in through
// NODE_EXTRA_CA_CERTS). knownAuthorities makes MSAL trust the host without asking
// login.microsoftonline.com for instance discovery; it still reads the
// authority's openid-configuration from exomock.
// Usage: node msal_node_token.mjs AUTHORITY CLIENT_ID SECRET SCOPE
// Prints one JSON line: the result's fields, or the error's.
import { ConfidentialClientApplication } from "@azure/msal-node";

const [authority, clientId, clientSecret, scope] = process.argv.slice(2);
const app = new ConfidentialClientApplication({
  auth: { clientId, clientSecret, authority, knownAuthorities: [new URL(authority).host] },
});
try {
  const r = await app.acquireTokenByClientCredential({ scopes: [scope] });
  console.log(JSON.stringify({ tokenType: r.tokenType, scopes: r.scopes, tenantId: r.tenantId,
                               fromCache: r.fromCache, accessToken: r.accessToken }));
} catch (e) {
  console.log(JSON.stringify({ name: e.name, errorCode: e.errorCode, errorNo: e.errorNo,
                               errorMessage: e.errorMessage, correlationId: e.correlationId }));
}
