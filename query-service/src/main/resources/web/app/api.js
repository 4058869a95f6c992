// The dashboard's only way to the services: one fetch wrapper per base URL (query-service: same origin,
// ingest-service: its own origin, through CORS). Every request goes through `request`, which is where a bearer
// token is attached once the API requires one: set it with `storeToken` (kept in localStorage under TOKEN_KEY)
// or pass `token` to `createClient`. Without a token no Authorization header is sent.

export const TOKEN_KEY = 'fleetpulse.token';

/**
 * A failed call: `kind` is 'not-found', 'unauthorized' (401: no or a bad token), 'forbidden' (403: the token lacks
 * the role), 'unreachable' (no HTTP answer at all), 'bad-request' or 'server'.
 */
export class ApiError extends Error {
  constructor(kind, status, message, problem = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }
}

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

function kindOf(status) {
  if (status === 404) {
    return 'not-found';
  }
  if (status === 401) {
    return 'unauthorized';
  }
  if (status === 403) {
    return 'forbidden';
  }
  return status >= 400 && status < 500 ? 'bad-request' : 'server';
}

/**
 * A client of one service. `token` returns the bearer token or null (default: the stored one); `fetchImpl` is
 * the browser's fetch (replaceable for tests).
 */
export function createClient({ baseUrl = '', token = () => storedToken(), fetchImpl = (...args) => globalThis.fetch(...args) } = {}) {
  const base = baseUrl.replace(/\/+$/, '');

  async function request(path, params = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') {
        query.set(name, String(value));
      }
    }
    const url = base + path + (query.toString() ? `?${query}` : '');
    const headers = { Accept: 'application/json' };
    const bearer = token();
    if (bearer) {
      headers.Authorization = `Bearer ${bearer}`;
    }
    let response;
    try {
      response = await fetchImpl(url, { headers });
    } catch (cause) {
      throw new ApiError('unreachable', 0, `no answer from ${base || 'the page\'s origin'}: ${cause.message || cause}`);
    }
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      throw new ApiError(kindOf(response.status), response.status,
        `${response.status} ${detail || response.statusText || 'request failed'}`, body);
    }
    return body;
  }

  /** Every page of a ranged endpoint (following next_cursor), at most `maxPages`; `truncated` when more were left. */
  async function all(path, params = {}, maxPages = 5) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < maxPages; page++) {
      const answer = await request(path, { ...params, cursor });
      items.push(...answer.items);
      cursor = answer.next_cursor;
      if (!cursor) {
        return { items, truncated: false };
      }
    }
    return { items, truncated: true };
  }

  return { baseUrl: base, request, all };
}
