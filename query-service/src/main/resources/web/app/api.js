// The dashboard's way to the services: the generated TypeScript client (clients/typescript, bundled with its runtime
// as ./generated/fleetpulse-client.js) for query-service (this page's origin) and ingest-service (its own origin,
// through CORS). Both send the bearer token stored in localStorage under TOKEN_KEY (set by the Sign in field), or
// no Authorization header without one. Failures are the client's FleetpulseError: `kind` ('not-found',
// 'unauthorized', 'forbidden', 'unreachable', ...), `status`, `problem` (the problem+json body).
import { collect, createIngestClient, createQueryClient, unwrap } from './generated/fleetpulse-client.js';

export { FleetpulseError } from './generated/fleetpulse-client.js';

export const TOKEN_KEY = 'fleetpulse.token';

export function storedToken(storage = globalThis.localStorage) {
  try {
    return storage ? storage.getItem(TOKEN_KEY) : null;
  } catch {
    return null;
  }
}

export function storeToken(token, storage = globalThis.localStorage) {
  if (token) {
    storage.setItem(TOKEN_KEY, token);
  } else {
    storage.removeItem(TOKEN_KEY);
  }
}

/** query-service's client; `fetch` is replaceable for tests, `baseUrl` '' is the page's origin. */
export function queryClient({ baseUrl = '', token = () => storedToken(), fetch } = {}) {
  return createQueryClient({ baseUrl, token, fetch });
}

export function ingestClient({ baseUrl, token = () => storedToken(), fetch } = {}) {
  return createIngestClient({ baseUrl, token, fetch });
}

/** A GET through a generated client: `params` as openapi-fetch takes them ({ path, query }); failures throw. */
export function get(client, path, params = {}) {
  return unwrap(client.GET(path, { params }));
}

/** Every page of a ranged GET (following next_cursor), at most `maxPages`: { items, truncated }. */
export function getAll(client, path, params, maxPages) {
  return collect((cursor) => get(client, path, { ...params, query: { ...params.query, cursor } }), maxPages);
}

/**
 * ingest-service's base URL: query-service's fleetpulse.dashboard.ingest-url, else this host on port 8081.
 * /dashboard/settings is the page's own setting, left out of the public contract, so it has no generated type.
 */
export async function ingestUrl(query, location = globalThis.location) {
  try {
    const settings = await get(query, '/dashboard/settings');
    if (settings && settings.ingest_url) {
      return settings.ingest_url;
    }
  } catch {
    // query-service itself is failing: the views report it
  }
  return `${location.protocol}//${location.hostname}:8081`;
}
