import * as oidc from 'openid-client';
import type { Platform } from '../context.js';

export type VerificationSettings = NonNullable<Platform['verification']>;

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The provider's configuration, discovered once per issuer, client and secret (openid-client).
 * Plain http is accepted only for a provider on this machine's loopback (the settings' schema
 * refuses it anywhere else).
 */
const configurations = new Map<string, Promise<oidc.Configuration>>();

export function providerConfiguration(settings: VerificationSettings): Promise<oidc.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  let configuration = configurations.get(key);
  if (!configuration) {
    const issuer = new URL(settings.issuer);
    const insecure = issuer.protocol === 'http:' && loopback.has(issuer.hostname);
    configuration = oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    // A provider that was down is asked again next time.
    configuration.catch(() => configurations.delete(key));
    configurations.set(key, configuration);
  }
  return configuration;
}

export { oidc };
