// node --test: the built client (dist/index.js) against a fake fetch that records each Request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collect, createIngestClient, createQueryClient, FleetpulseError, pages, unwrap,
} from '../dist/index.js';

function fakeFetch(answers) {
  const requests = [];
  const fetch = async (request) => {
    requests.push(request);
    const answer = answers.shift();
    if (answer instanceof Error) {
      throw answer;
    }
    const headers = { 'Content-Type': answer.type ?? 'application/json', ...answer.headers };
    const body = answer.body === undefined ? null : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status ?? 200, statusText: answer.statusText ?? '', headers });
  };
  return { requests, fetch };
}

test('path parameters are encoded, unset query parameters left out, JSON accepted', async () => {
  const { requests, fetch } = fakeFetch([{ body: { items: [], next_cursor: null } }]);
  const query = createQueryClient({ baseUrl: 'http://query:8082/', fetch });
  await unwrap(query.GET('/v1/routers/{router_id}/results', {
    params: { path: { router_id: 'r 1/x' }, query: { limit: 10, from: undefined, test_type: undefined, cursor: 'c/1' } },
  }));
  assert.equal(requests[0].method, 'GET');
  assert.equal(requests[0].url, 'http://query:8082/v1/routers/r%201%2Fx/results?limit=10&cursor=c%2F1');
  assert.equal(requests[0].headers.get('Accept'), 'application/json');
});

test('the bearer token: none, a fixed one, or asked for on every request', async () => {
  const { requests, fetch } = fakeFetch([{ body: [] }, { body: [] }, { body: [] }, { body: [] }]);
  await createIngestClient({ baseUrl: 'http://ingest', fetch }).GET('/v1/admin/hot-keys');
  await createIngestClient({ baseUrl: 'http://ingest', token: 'abc', fetch }).GET('/v1/admin/hot-keys');
  let current = null;
  const ingest = createIngestClient({ baseUrl: 'http://ingest', token: async () => current, fetch });
  await ingest.GET('/v1/admin/hot-keys');
  current = 'eyJ.new';
  await ingest.GET('/v1/admin/hot-keys');
  assert.deepEqual(requests.map((request) => request.headers.get('Authorization')), [null, 'Bearer abc', null, 'Bearer eyJ.new']);
});

test('a POST sends its typed body as JSON and unwrap gives the answer', async () => {
  const { requests, fetch } = fakeFetch([{ status: 202, body: { accepted: 1, rejected_count: 0, rejected: [] } }]);
  const ingest = createIngestClient({ baseUrl: 'http://ingest', token: 't', fetch });
  const answer = await unwrap(ingest.POST('/v1/results/batch', {
    body: [{ router_id: 'r1', test_id: 't1', test_type: 'ping', status: 'passed', timestamp: '2026-03-01T10:00:00Z' }],
  }));
  assert.deepEqual(answer, { accepted: 1, rejected_count: 0, rejected: [] });
  assert.equal(requests[0].headers.get('Content-Type'), 'application/json');
  assert.equal((await requests[0].json())[0].router_id, 'r1');
});

test('a problem+json answer becomes a FleetpulseError with its kind, status, detail and Retry-After', async () => {
  const problem = { type: 'https://fleetpulse.io/problems/not-found', title: 'Not Found', status: 404, detail: "No router 'x'." };
  const { fetch } = fakeFetch([
    { status: 404, type: 'application/problem+json', body: problem },
    { status: 503, type: 'application/problem+json', body: { title: 'Store unavailable', status: 503 }, headers: { 'Retry-After': '2' } },
    { status: 401, type: 'application/problem+json', body: { title: 'Unauthorized', detail: 'A valid bearer token is required.' } },
    { status: 403, type: 'application/problem+json', body: { title: 'Forbidden' } },
    { status: 429, type: 'application/problem+json', body: { title: 'Too Many Requests' }, headers: { 'Retry-After': '1' } },
    { status: 400, type: 'text/plain', statusText: 'Bad Request', body: 'nope' },
    { status: 500, body: '' },
  ]);
  const query = createQueryClient({ baseUrl: 'http://query', fetch });
  const router = () => unwrap(query.GET('/v1/routers/{router_id}', { params: { path: { router_id: 'x' } } }));
  await assert.rejects(router(), (error) => error instanceof FleetpulseError && error.kind === 'not-found'
    && error.status === 404 && error.message === "404 No router 'x'." && error.problem.type === problem.type
    && error.retryAfter === null);
  await assert.rejects(router(), { kind: 'unavailable', status: 503, message: '503 Store unavailable', retryAfter: 2 });
  await assert.rejects(router(), { kind: 'unauthorized', status: 401, message: '401 A valid bearer token is required.' });
  await assert.rejects(router(), { kind: 'forbidden', status: 403, message: '403 Forbidden' });
  await assert.rejects(router(), { kind: 'rate-limited', status: 429, retryAfter: 1 });
  await assert.rejects(router(), { kind: 'bad-request', status: 400, message: '400 Bad Request', problem: null });
  await assert.rejects(router(), { kind: 'server', status: 500, message: '500 request failed' });
});

test('no HTTP answer at all is "unreachable", naming the origin', async () => {
  const { fetch } = fakeFetch([new TypeError('fetch failed')]);
  const ingest = createIngestClient({ baseUrl: 'http://127.0.0.1:8081', fetch });
  await assert.rejects(unwrap(ingest.GET('/v1/admin/hot-keys')), (error) => error instanceof FleetpulseError
    && error.kind === 'unreachable' && error.status === 0 && error.message === 'no answer from http://127.0.0.1:8081: fetch failed');
});

test('pages() and collect() follow next_cursor; collect stops at the page budget', async () => {
  const { requests, fetch } = fakeFetch([
    { body: { items: [{ location: 'a', isp: 'x' }], next_cursor: 'c1' } },
    { body: { items: [{ location: 'b', isp: 'y' }], next_cursor: null } },
    { body: { items: [1, 2], next_cursor: 'c1' } },
    { body: { items: [3], next_cursor: 'c2' } },
    { body: { items: [4] } },
  ]);
  const query = createQueryClient({ baseUrl: 'http://query', fetch });
  const locations = (cursor) => unwrap(query.GET('/v1/fleet/locations', { params: { query: { limit: 1, cursor } } }));
  const seen = [];
  for await (const items of pages(locations)) {
    seen.push(items.map((item) => item.location));
  }
  assert.deepEqual(seen, [['a'], ['b']]);
  assert.deepEqual(requests.map((request) => new URL(request.url).search), ['?limit=1', '?limit=1&cursor=c1']);
  assert.deepEqual(await collect(locations, 2), { items: [1, 2, 3], truncated: true });
  assert.equal(requests.length, 4);
  assert.deepEqual(await collect(locations, 2), { items: [4], truncated: false });
});
