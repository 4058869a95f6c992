// node --test: the router view's metric series, discovered from results and from aggregates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregateSeries, bucketStarts, chartSource, describeMetric, numericLeaves, resultSeries, seriesKey,
} from '../../main/resources/web/app/metrics.js';

const at = (minute) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;
const result = (minute, testType, values) => ({ timestamp: at(minute), test_type: testType, result: values });
const day = (d) => `2026-03-${String(d).padStart(2, '0')}T00:00:00Z`;
const stats = (min, max, sum, count) => ({ min, max, sum, count });

test('numericLeaves names nested numbers by dotted path and skips text, booleans, nulls and lists', () => {
  assert.deepEqual(numericLeaves({
    rtt_ms: 12.5, jitter: { ms: 1.25, samples: 50 }, target: 'speedtest.example.net', cached: true, error: null,
    hops: [1, 2, 3], latency_ms: '7.5', zero: 0,
  }), [['rtt_ms', 12.5], ['jitter.ms', 1.25], ['jitter.samples', 50], ['zero', 0]]);
  assert.deepEqual(numericLeaves(undefined), []);
});

test('describeMetric labels known names, then the last name of a path, else the path with a unit from its suffix', () => {
  assert.deepEqual(describeMetric('jitter'), { label: 'Jitter', unit: 'ms', rank: 4 });
  assert.equal(describeMetric('loss_pct').label, 'Packet loss');
  assert.equal(describeMetric('loss_pct').unit, '%');
  assert.equal(describeMetric('answer.ttl_s').label, 'TTL');
  const nested = describeMetric('jitter.ms');
  assert.equal(nested.label, 'jitter.ms');
  assert.equal(nested.unit, 'ms');
  assert.equal(describeMetric('wifi.rssi_dbm').unit, '');
  assert.equal(describeMetric('connect_ms').unit, 'ms');
  assert.ok(describeMetric('wifi.rssi_dbm').rank > describeMetric('rtt_ms').rank);
});

test('seriesKey is safe for element ids', () => {
  assert.equal(seriesKey('latency', 'rtt_ms'), 'latency--rtt_ms');
  assert.equal(seriesKey(null, 'answer.records'), 'answer-records');
});

test('resultSeries charts every metric the results hold, per test type, in time order', () => {
  const series = resultSeries([
    result(2, 'latency', { rtt_ms: 14, jitter: 2.5, target: 'x' }),
    result(0, 'latency', { rtt_ms: 12, jitter: 1.25 }),
    result(1, 'dns', { resolve_ms: 8.5, answer: { records: 2 } }),
    result(3, 'latency', { rtt_ms: 11, error: 'timeout' }),
  ]);
  assert.deepEqual(series.map((s) => s.key), ['dns--resolve_ms', 'dns--answer-records', 'latency--rtt_ms', 'latency--jitter']);
  const jitter = series.find((s) => s.key === 'latency--jitter');
  assert.deepEqual({ label: jitter.label, unit: jitter.unit, testType: jitter.testType, path: jitter.path },
    { label: 'Jitter', unit: 'ms', testType: 'latency', path: 'jitter' });
  assert.deepEqual(jitter.labels, ['2026-03-01 10:00:00', '2026-03-01 10:02:00']);
  assert.deepEqual(jitter.values, [1.25, 2.5]);
  assert.deepEqual(series.find((s) => s.key === 'latency--rtt_ms').values, [12, 14, 11]);
  assert.deepEqual(series.find((s) => s.key === 'dns--answer-records').values, [2]);
});

test('resultSeries has no series for a metric no result carries', () => {
  assert.deepEqual(resultSeries([result(0, 'latency', { error: 'timeout', cached: false })]), []);
  assert.deepEqual(resultSeries([]), []);
  const keys = resultSeries([result(0, 'jitter', { jitter_ms: 3 })]).map((s) => s.key);
  assert.deepEqual(keys, ['jitter--jitter_ms']);
});

test('bucketStarts covers every bucket that overlaps the range, aligned on UTC hours and days', () => {
  assert.deepEqual(bucketStarts('day', '2026-03-01T10:00:00Z', '2026-03-03T00:00:00Z'),
    [Date.parse(day(1)), Date.parse(day(2))]);
  assert.equal(bucketStarts('day', '2025-03-01T10:00:00Z', '2026-03-01T10:00:00Z').length, 366);
  assert.equal(bucketStarts('hour', '2026-03-01T10:30:00Z', '2026-03-01T12:00:00Z').length, 2);
});

test('aggregateSeries averages each metric per bucket (sum / count) with min and max, nulls where a bucket has none', () => {
  const shaped = aggregateSeries([
    { bucket_start: day(3), count: 4, failed_count: 1, metrics: { jitter: stats(1, 3, 6, 3), 'answer.records': stats(2, 2, 2, 1) } },
    { bucket_start: day(1), count: 2, failed_count: 0, metrics: { jitter: stats(1.5, 2.5, 4, 2), rtt_ms: stats(10, 20, 30, 2) } },
  ], { period: 'day', from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z' });
  assert.deepEqual(shaped.labels, ['2026-03-01', '2026-03-02', '2026-03-03']);
  assert.deepEqual(shaped.counts, [2, 0, 4]);
  assert.deepEqual(shaped.failed, [0, 0, 1]);
  assert.deepEqual(shaped.series.map((s) => s.path), ['rtt_ms', 'jitter', 'answer.records']);
  const jitter = shaped.series.find((s) => s.path === 'jitter');
  assert.equal(jitter.testType, null);
  assert.equal(jitter.label, 'Jitter');
  assert.deepEqual(jitter.avg, [2, null, 2]);
  assert.deepEqual(jitter.min, [1.5, null, 1]);
  assert.deepEqual(jitter.max, [2.5, null, 3]);
  assert.deepEqual(shaped.series.find((s) => s.path === 'rtt_ms').avg, [15, null, null]);
});

test('aggregateSeries rounds averages to three decimals and skips buckets outside the range and empty stats', () => {
  const shaped = aggregateSeries([
    { bucket_start: '2026-03-01T10:00:00Z', count: 3, failed_count: 0, metrics: { rtt_ms: stats(1, 2, 4, 3), gone: stats(0, 0, 0, 0) } },
    { bucket_start: '2026-03-01T09:00:00Z', count: 9, failed_count: 9, metrics: { rtt_ms: stats(5, 5, 45, 9) } },
  ], { period: 'hour', from: '2026-03-01T10:00:00Z', to: '2026-03-01T12:00:00Z' });
  assert.deepEqual(shaped.labels, ['2026-03-01 10:00', '2026-03-01 11:00']);
  assert.deepEqual(shaped.counts, [3, 0]);
  assert.deepEqual(shaped.series.map((s) => s.path), ['rtt_ms']);
  assert.deepEqual(shaped.series[0].avg, [1.333, null]);
});

test('chartSource reads results up to a week, hourly aggregates up to 31 days, daily ones beyond', () => {
  const range = (days) => ['2026-01-01T00:00:00Z', new Date(Date.parse('2026-01-01T00:00:00Z') + days * 86400000).toISOString()];
  assert.deepEqual(chartSource(...range(1)), { kind: 'results' });
  assert.deepEqual(chartSource(...range(7)), { kind: 'results' });
  assert.deepEqual(chartSource(...range(30)), { kind: 'aggregates', period: 'hour' });
  assert.deepEqual(chartSource(...range(90)), { kind: 'aggregates', period: 'day' });
  assert.deepEqual(chartSource(...range(365)), { kind: 'aggregates', period: 'day' });
});
