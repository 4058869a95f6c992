// node --test: the dashboard's API layer (api.js) on the generated client, against a fake fetch recording each Request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FleetpulseError, get, getAll, ingestClient, ingestUrl, queryClient, storedToken, storeToken, TOKEN_KEY,
} from '../../main/resources/web/app/api.js';

function recorder(answers) {
  const requests = [];
  const fetch = async (request) => {
    requests.push(request);
    const answer = answers.shift();
    if (answer instanceof Error) {
      throw answer;
    }
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(body, {
      status: answer.status ?? 200,
      statusText: answer.statusText ?? '',
      headers: { 'Content-Type': answer.type ?? 'application/json' },
    });
  };
  return { requests, fetch };
}

function memoryStorage() {
  const values = new Map();
  return {
    getItem: (key) => (values.has(key) ? values.get(key) : null),
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
  };
}

const QUERY = 'http://127.0.0.1:8082';

test('a GET names its path parameters and sends the set query parameters only', async () => {
  const { requests, fetch } = recorder([{ body: { items: [], next_cursor: null } }]);
  const query = queryClient({ baseUrl: QUERY, token: () => null, fetch });
  const page = await get(query, '/v1/routers/{router_id}/results', {
    path: { router_id: 'rtr/1' }, query: { from: '2026-03-01T00:00:00.000Z', test_type: undefined, limit: 10, cursor: null },
  });
  assert.deepEqual(page, { items: [], next_cursor: null });
  assert.equal(requests[0].url, `${QUERY}/v1/routers/rtr%2F1/results?from=2026-03-01T00%3A00%3A00.000Z&limit=10`);
  assert.equal(requests[0].headers.get('Accept'), 'application/json');
});

test('sends no Authorization header without a token, a bearer token when there is one', async () => {
  const { requests, fetch } = recorder([{ body: [] }, { body: [] }]);
  let token = null;
  const ingest = ingestClient({ baseUrl: 'http://ingest:8081/', token: () => token, fetch });
  await get(ingest, '/v1/admin/hot-keys', { query: { limit: '10' } });
  token = 'eyJ.test.token';
  await get(ingest, '/v1/admin/hot-keys');
  assert.equal(requests[0].url, 'http://ingest:8081/v1/admin/hot-keys?limit=10');
  assert.equal(requests[0].headers.get('Authorization'), null);
  assert.equal(requests[1].headers.get('Authorization'), 'Bearer eyJ.test.token');
});

test('the stored token is the default', async () => {
  const storage = memoryStorage();
  assert.equal(storedToken(storage), null);
  storeToken('abc', storage);
  assert.equal(storage.getItem(TOKEN_KEY), 'abc');
  assert.equal(storedToken(storage), 'abc');
  storeToken(null, storage);
  assert.equal(storedToken(storage), null);
  assert.equal(storedToken(undefined), null);

  const saved = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  try {
    const { requests, fetch } = recorder([{ body: {} }]);
    storeToken('stored.jwt');
    await get(queryClient({ baseUrl: QUERY, fetch }), '/v1/routers/{router_id}', { path: { router_id: 'r1' } });
    assert.equal(requests[0].headers.get('Authorization'), 'Bearer stored.jwt');
  } finally {
    if (saved) {
      Object.defineProperty(globalThis, 'localStorage', saved);
    } else {
      delete globalThis.localStorage;
    }
  }
});

test('a problem+json answer is a FleetpulseError with its kind, status and detail', async () => {
  const { fetch } = recorder([
    { status: 404, type: 'application/problem+json', body: { title: 'Not Found', detail: "No router 'x'." } },
    { status: 503, type: 'application/problem+json', body: { title: 'Store unavailable' } },
    { status: 400, type: 'text/plain', statusText: 'Bad Request' },
    { status: 401, type: 'application/problem+json', body: { title: 'Unauthorized', detail: 'A valid bearer token is required.' } },
    { status: 403, type: 'application/problem+json', body: { title: 'Forbidden', detail: 'The token does not grant this operation.' } },
  ]);
  const query = queryClient({ baseUrl: QUERY, token: () => 'eyJ.expired.token', fetch });
  const router = () => get(query, '/v1/routers/{router_id}', { path: { router_id: 'x' } });
  await assert.rejects(router(), (error) => error instanceof FleetpulseError
      && error.kind === 'not-found' && error.status === 404 && error.message === "404 No router 'x'."
      && error.problem.title === 'Not Found');
  await assert.rejects(router(), { kind: 'unavailable', status: 503, message: '503 Store unavailable' });
  await assert.rejects(router(), { kind: 'bad-request', status: 400, message: '400 Bad Request' });
  await assert.rejects(router(), { kind: 'unauthorized', status: 401, message: '401 A valid bearer token is required.' });
  await assert.rejects(router(), { kind: 'forbidden', status: 403, message: '403 The token does not grant this operation.' });
});

test('no HTTP answer at all is "unreachable"', async () => {
  const { fetch } = recorder([new TypeError('Failed to fetch')]);
  const ingest = ingestClient({ baseUrl: 'http://127.0.0.1:8081', token: () => null, fetch });
  await assert.rejects(get(ingest, '/v1/admin/hot-keys'),
    { kind: 'unreachable', status: 0, message: 'no answer from http://127.0.0.1:8081: Failed to fetch' });
});

test('getAll() follows next_cursor with the same parameters and stops at the page budget', async () => {
  const { requests, fetch } = recorder([
    { body: { items: [1, 2], next_cursor: 'c1' } },
    { body: { items: [3], next_cursor: null } },
    { body: { items: [1], next_cursor: 'c1' } },
    { body: { items: [2], next_cursor: 'c2' } },
  ]);
  const query = queryClient({ baseUrl: QUERY, token: () => null, fetch });
  assert.deepEqual(await getAll(query, '/v1/fleet/locations', { query: { limit: 2 } }), { items: [1, 2, 3], truncated: false });
  assert.equal(requests[1].url, `${QUERY}/v1/fleet/locations?limit=2&cursor=c1`);
  assert.deepEqual(await getAll(query, '/v1/fleet/locations', {}, 2), { items: [1, 2], truncated: true });
  assert.equal(requests.length, 4);
});

test("ingest-service's URL comes from the dashboard settings, else this host on port 8081", async () => {
  const { requests, fetch } = recorder([
    { body: { ingest_url: 'https://ingest.example' } },
    { body: {} },
    { status: 500, type: 'application/problem+json', body: { title: 'Internal Server Error' } },
  ]);
  const query = queryClient({ baseUrl: QUERY, token: () => null, fetch });
  const location = { protocol: 'http:', hostname: 'dash.local' };
  assert.equal(await ingestUrl(query, location), 'https://ingest.example');
  assert.equal(requests[0].url, `${QUERY}/dashboard/settings`);
  assert.equal(await ingestUrl(query, location), 'http://dash.local:8081');
  assert.equal(await ingestUrl(query, location), 'http://dash.local:8081');
});
