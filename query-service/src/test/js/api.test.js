// node --test: the dashboard's API client (one fetch wrapper; bearer token attached only when one is set).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createClient, storedToken, storeToken, TOKEN_KEY } from '../../main/resources/web/app/api.js';

function recorder(answers) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, headers: init.headers });
    const answer = answers.shift();
    if (answer instanceof Error) {
      throw answer;
    }
    return {
      ok: answer.status < 400,
      status: answer.status,
      statusText: answer.statusText || '',
      headers: { get: () => answer.type ?? 'application/json' },
      json: async () => answer.body,
    };
  };
  return { calls, fetchImpl };
}

function memoryStorage() {
  const values = new Map();
  return {
    getItem: (key) => (values.has(key) ? values.get(key) : null),
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
  };
}

test('builds the URL from base, path and the set parameters only', async () => {
  const { calls, fetchImpl } = recorder([{ status: 200, body: { ok: 1 } }]);
  const client = createClient({ baseUrl: 'http://ingest:8081/', token: () => null, fetchImpl });
  assert.deepEqual(await client.request('/v1/admin/hot-keys', { limit: 10, cursor: null, from: '', to: undefined }), { ok: 1 });
  assert.equal(calls[0].url, 'http://ingest:8081/v1/admin/hot-keys?limit=10');
  assert.equal(calls[0].headers.Accept, 'application/json');
});

test('sends no Authorization header without a token, a bearer token when there is one', async () => {
  const { calls, fetchImpl } = recorder([{ status: 200, body: {} }, { status: 200, body: {} }]);
  let token = null;
  const client = createClient({ token: () => token, fetchImpl });
  await client.request('/v1/fleet/locations');
  token = 'eyJ.test.token';
  await client.request('/v1/fleet/locations');
  assert.equal('Authorization' in calls[0].headers, false);
  assert.equal(calls[1].headers.Authorization, 'Bearer eyJ.test.token');
});

test('the stored token is the default', () => {
  const storage = memoryStorage();
  assert.equal(storedToken(storage), null);
  storeToken('abc', storage);
  assert.equal(storage.getItem(TOKEN_KEY), 'abc');
  assert.equal(storedToken(storage), 'abc');
  storeToken(null, storage);
  assert.equal(storedToken(storage), null);
  assert.equal(storedToken(undefined), null);
});

test('a problem+json answer becomes an ApiError with its kind, status and detail', async () => {
  const { fetchImpl } = recorder([
    { status: 404, type: 'application/problem+json', body: { title: 'Not Found', detail: "No router 'x'." } },
    { status: 503, type: 'application/problem+json', body: { title: 'Store unavailable' } },
    { status: 400, type: 'text/plain', statusText: 'Bad Request' },
  ]);
  const client = createClient({ token: () => null, fetchImpl });
  await assert.rejects(client.request('/v1/routers/x'), (error) => error instanceof ApiError
      && error.kind === 'not-found' && error.status === 404 && error.message === "404 No router 'x'."
      && error.problem.title === 'Not Found');
  await assert.rejects(client.request('/v1/routers/x'), { kind: 'server', status: 503, message: '503 Store unavailable' });
  await assert.rejects(client.request('/v1/routers/x'), { kind: 'bad-request', status: 400, message: '400 Bad Request' });
});

test('401 is "unauthorized" (sign in) and 403 is "forbidden" (the token lacks the role)', async () => {
  const { fetchImpl } = recorder([
    { status: 401, type: 'application/problem+json', body: { title: 'Unauthorized', detail: 'A valid bearer token is required.' } },
    { status: 403, type: 'application/problem+json', body: { title: 'Forbidden', detail: 'The token does not grant this operation.' } },
  ]);
  const client = createClient({ token: () => 'eyJ.expired.token', fetchImpl });
  await assert.rejects(client.request('/v1/fleet/locations'),
    { kind: 'unauthorized', status: 401, message: '401 A valid bearer token is required.' });
  await assert.rejects(client.request('/v1/admin/hot-keys'),
    { kind: 'forbidden', status: 403, message: '403 The token does not grant this operation.' });
});

test('no HTTP answer at all is "unreachable"', async () => {
  const { fetchImpl } = recorder([new TypeError('Failed to fetch')]);
  const client = createClient({ baseUrl: 'http://127.0.0.1:8081', token: () => null, fetchImpl });
  await assert.rejects(client.request('/v1/admin/hot-keys'),
    { kind: 'unreachable', status: 0, message: 'no answer from http://127.0.0.1:8081: Failed to fetch' });
});

test('all() follows next_cursor and stops at the page budget', async () => {
  const { calls, fetchImpl } = recorder([
    { status: 200, body: { items: [1, 2], next_cursor: 'c1' } },
    { status: 200, body: { items: [3], next_cursor: null } },
    { status: 200, body: { items: [1], next_cursor: 'c1' } },
    { status: 200, body: { items: [2], next_cursor: 'c2' } },
  ]);
  const client = createClient({ token: () => null, fetchImpl });
  assert.deepEqual(await client.all('/v1/fleet/locations', { limit: 2 }), { items: [1, 2, 3], truncated: false });
  assert.equal(calls[1].url, '/v1/fleet/locations?limit=2&cursor=c1');
  assert.deepEqual(await client.all('/v1/fleet/locations', {}, 2), { items: [1, 2], truncated: true });
});
