// node --test: the dashboard's data shaping (run by the query-service build, see pom.xml).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  failureRate, failureRates, formatTime, hotKeyBars, locationsOf, mergeFailures, presetRange, resultsPerHour,
  summarizeResult,
} from '../../main/resources/web/app/shaping.js';

const hour = (h) => `2026-03-01T${String(h).padStart(2, '0')}:00:00Z`;
const agg = (h, count, failed) => ({ bucket_start: hour(h), count, failed_count: failed, period: 'hour' });

test('formatTime writes UTC minutes or seconds', () => {
  assert.equal(formatTime('2026-03-01T10:05:07.123Z'), '2026-03-01 10:05');
  assert.equal(formatTime('2026-03-01T12:05:07+02:00', { seconds: true }), '2026-03-01 10:05:07');
});

test('failureRate is a percentage with one decimal, null without results', () => {
  assert.equal(failureRate(3, 1), 33.3);
  assert.equal(failureRate(200, 0), 0);
  assert.equal(failureRate(8, 8), 100);
  assert.equal(failureRate(0, 0), null);
});

test('resultsPerHour aligns every pair on the union of hours, missing hours count 0', () => {
  const shaped = resultsPerHour([
    { pair: { location: 'berlin', isp: 'acme' }, items: [agg(11, 5, 1), agg(10, 3, 0)] },
    { pair: { location: 'berlin', isp: 'zeta' }, items: [agg(12, 7, 7), agg(10, 2, 1)] },
    { pair: { location: 'paris', isp: 'acme' }, items: [] },
  ]);
  assert.deepEqual(shaped.labels, ['2026-03-01 10:00', '2026-03-01 11:00', '2026-03-01 12:00']);
  assert.deepEqual(shaped.datasets, [
    { label: 'berlin / acme', data: [3, 5, 0] },
    { label: 'berlin / zeta', data: [2, 0, 7] },
    { label: 'paris / acme', data: [0, 0, 0] },
  ]);
});

test('resultsPerHour of nothing is empty', () => {
  assert.deepEqual(resultsPerHour([]), { labels: [], datasets: [] });
});

test('failureRates sums each pair over the range and keeps pairs without results', () => {
  const rates = failureRates([
    { pair: { location: 'berlin', isp: 'acme' }, items: [agg(10, 3, 0), agg(11, 5, 2)] },
    { pair: { location: 'paris', isp: 'acme' }, items: [] },
  ]);
  assert.deepEqual(rates, {
    labels: ['berlin / acme', 'paris / acme'], rates: [25, null], counts: [8, 0], failed: [2, 0],
  });
});

test('locationsOf lists each location once in first-seen order', () => {
  assert.deepEqual(locationsOf([{ location: 'b', isp: 'x' }, { location: 'a', isp: 'x' }, { location: 'b', isp: 'y' }]),
    ['b', 'a']);
});

test('mergeFailures merges newest first, drops repeats and cuts to the limit', () => {
  const f = (router, test, at) => ({ router_id: router, test_id: test, timestamp: at });
  const merged = mergeFailures([
    [f('r1', 't1', hour(10)), f('r1', 't3', hour(12))],
    [f('r2', 't2', hour(11)), f('r1', 't1', hour(10))],
  ], 2);
  assert.deepEqual(merged.map((item) => item.test_id), ['t3', 't2']);
  assert.equal(mergeFailures([[f('r1', 't1', hour(10))], [f('r1', 't1', hour(10))]], 10).length, 1);
});

test('hotKeyBars keeps ingest-service order', () => {
  assert.deepEqual(hotKeyBars([{ partition_key: 'ROUTER#a', writes: 9 }, { partition_key: 'ROUTER#b', writes: 4 }]),
    { labels: ['ROUTER#a', 'ROUTER#b'], values: [9, 4] });
});

test('presetRange ends at the next whole minute and spans the preset', () => {
  const range = presetRange('24h', new Date('2026-03-01T10:00:30Z'));
  assert.deepEqual(range, { from: '2026-02-28T10:01:00.000Z', to: '2026-03-01T10:01:00.000Z' });
  assert.deepEqual(presetRange('365d', new Date('2026-03-01T10:00:00Z')),
    { from: '2025-03-01T10:00:00.000Z', to: '2026-03-01T10:00:00.000Z' });
  assert.throws(() => presetRange('2y'), /unknown range preset/);
});

test('summarizeResult writes name=value pairs and cuts long text', () => {
  assert.equal(summarizeResult({ result: { latency_ms: 12.5, hops: [1, 2] } }), 'latency_ms=12.5, hops=[1,2]');
  assert.equal(summarizeResult({ result: { text: 'x'.repeat(50) } }, 20).length, 20);
  assert.equal(summarizeResult({}), '');
});
