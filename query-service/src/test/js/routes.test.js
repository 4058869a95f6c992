// node --test: the views' location hashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overviewHash, parseRoute, routerHash } from '../../main/resources/web/app/routes.js';

test('overview hashes round-trip', () => {
  assert.equal(overviewHash({ range: '7d', location: 'berlin' }), '#/?range=7d&location=berlin');
  assert.deepEqual(parseRoute('#/?range=7d&location=berlin'), { view: 'overview', params: { range: '7d', location: 'berlin' } });
  assert.deepEqual(parseRoute(''), { view: 'overview', params: {} });
  assert.equal(overviewHash(), '#/');
});

test('router hashes round-trip, ids and times encoded', () => {
  const hash = routerHash('r:1.a', { from: '2026-03-01T10:00:00.000Z', to: '2026-03-02T10:00:00.000Z', type: 'latency' });
  assert.equal(hash, '#/router/r%3A1.a?from=2026-03-01T10%3A00%3A00.000Z&to=2026-03-02T10%3A00%3A00.000Z&type=latency');
  assert.deepEqual(parseRoute(hash), {
    view: 'router',
    params: { id: 'r:1.a', from: '2026-03-01T10:00:00.000Z', to: '2026-03-02T10:00:00.000Z', type: 'latency' },
  });
  assert.equal(routerHash('r1'), '#/router/r1');
  assert.equal(routerHash('r1', { from: '2026-03-01T10:00:00Z' }), '#/router/r1');
});

test('an unknown path is the overview', () => {
  assert.equal(parseRoute('#/something/else').view, 'overview');
});
