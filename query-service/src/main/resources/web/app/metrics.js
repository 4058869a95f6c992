// The router view's metric series: discovered from what a router's data holds, not from a fixed list. A metric is a
// number leaf of a result's `result` named by its dotted path ("rtt_ms", "answer.records"), as the archiver's
// aggregates name it (shared-model MetricPaths): JSON numbers only, lists not descended into.
// Pure functions, no DOM and no fetch, so `node --test` covers them (src/test/js).
import { formatTime } from './shaping.js';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Labels and units of metric names we know; matched on the whole path first, then on its last name. */
const KNOWN = [
  ['latency_ms', 'Latency', 'ms'],
  ['rtt_ms', 'Round-trip time', 'ms'],
  ['rtt_min_ms', 'Round-trip time, fastest', 'ms'],
  ['rtt_max_ms', 'Round-trip time, slowest', 'ms'],
  ['jitter', 'Jitter', 'ms'],
  ['jitter_ms', 'Jitter', 'ms'],
  ['packet_loss', 'Packet loss', '%'],
  ['packet_loss_pct', 'Packet loss', '%'],
  ['loss_pct', 'Packet loss', '%'],
  ['resolve_ms', 'DNS resolve time', 'ms'],
  ['down_mbps', 'Download speed', 'Mbit/s'],
  ['up_mbps', 'Upload speed', 'Mbit/s'],
  ['bytes_down', 'Downloaded', 'bytes'],
  ['sent', 'Packets sent', ''],
  ['received', 'Packets received', ''],
  ['probes', 'Probes', ''],
  ['samples', 'Samples', ''],
  ['duration_s', 'Duration', 's'],
  ['ttl_s', 'TTL', 's'],
  ['records', 'Records', ''],
  ['rcode', 'DNS response code', ''],
];
const KNOWN_BY_NAME = new Map(KNOWN.map(([name, label, unit], rank) => [name, { label, unit, rank }]));

/** Units of names we do not know, from their suffix ("connect_ms", or a nested "ms"). */
const SUFFIX_UNITS = [[/(^|_)ms$/, 'ms'], [/(^|_)pct$/, '%'], [/(^|_)mbps$/, 'Mbit/s'], [/(^|_)kbps$/, 'kbit/s'], [/(^|_)s$/, 's']];

/** Label, unit and sort rank of a metric path; unknown names are labelled by their path and rank after known ones. */
export function describeMetric(path) {
  const last = path.slice(path.lastIndexOf('.') + 1);
  const known = KNOWN_BY_NAME.get(path) || KNOWN_BY_NAME.get(last);
  if (known) {
    return { ...known };
  }
  const suffix = SUFFIX_UNITS.find(([pattern]) => pattern.test(last));
  return { label: path, unit: suffix ? suffix[1] : '', rank: KNOWN.length };
}

/** Every number leaf of a `result` document as [path, value] pairs. */
export function numericLeaves(document, prefix = '') {
  const leaves = [];
  for (const [name, value] of Object.entries(document || {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'number' && Number.isFinite(value)) {
      leaves.push([path, value]);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      leaves.push(...numericLeaves(value, path));
    }
  }
  return leaves;
}

/** A DOM-safe key of a series: "latency--rtt_ms", "answer-records". */
export function seriesKey(testType, path) {
  return `${testType ? `${testType}--` : ''}${path}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

function bySeriesOrder(a, b) {
  return (a.testType || '').localeCompare(b.testType || '') || a.rank - b.rank || a.path.localeCompare(b.path);
}

/**
 * One series per test type and metric path that the results (any order) hold: time-ordered labels and values of
 * the results that carry it, so a metric no result has gets no series.
 */
export function resultSeries(results) {
  const ordered = [...results].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const series = new Map();
  for (const result of ordered) {
    for (const [path, value] of numericLeaves(result.result)) {
      const key = seriesKey(result.test_type, path);
      if (!series.has(key)) {
        series.set(key, { key, testType: result.test_type, path, ...describeMetric(path), labels: [], values: [] });
      }
      const entry = series.get(key);
      entry.labels.push(formatTime(result.timestamp, { seconds: true }));
      entry.values.push(value);
    }
  }
  return [...series.values()].sort(bySeriesOrder);
}

const PERIOD_MS = { hour: HOUR_MS, day: DAY_MS };

/** The starts (epoch ms) of the `period` buckets that overlap [from, to), as the API's buckets are aligned (UTC). */
export function bucketStarts(period, from, to) {
  const size = PERIOD_MS[period];
  const starts = [];
  for (let start = Math.floor(Date.parse(from) / size) * size; start < Date.parse(to); start += size) {
    starts.push(start);
  }
  return starts;
}

function bucketLabel(period, start) {
  const iso = new Date(start).toISOString();
  return period === 'day' ? iso.slice(0, 10) : formatTime(iso);
}

const round = (value) => Math.round(value * 1000) / 1000;

/**
 * A router's aggregates (AP6, hourly or daily) over [from, to) as series on every bucket of the range: per metric
 * path the average (sum / count) and the min and max of each bucket, null where a bucket has no value; and per
 * bucket the results counted and failed (0 without an aggregate). Aggregates cover all test types together.
 */
export function aggregateSeries(aggregates, { period, from, to }) {
  const starts = bucketStarts(period, from, to);
  const index = new Map(starts.map((start, i) => [start, i]));
  const empty = () => new Array(starts.length).fill(null);
  const counts = new Array(starts.length).fill(0);
  const failed = new Array(starts.length).fill(0);
  const series = new Map();
  for (const aggregate of aggregates) {
    const i = index.get(Date.parse(aggregate.bucket_start));
    if (i === undefined) {
      continue;
    }
    counts[i] += aggregate.count;
    failed[i] += aggregate.failed_count;
    for (const [path, stats] of Object.entries(aggregate.metrics || {})) {
      if (!stats || !stats.count) {
        continue;
      }
      if (!series.has(path)) {
        series.set(path, { key: seriesKey(null, path), testType: null, path, ...describeMetric(path), avg: empty(), min: empty(), max: empty() });
      }
      const entry = series.get(path);
      entry.avg[i] = round(Number(stats.sum) / stats.count);
      entry.min[i] = Number(stats.min);
      entry.max[i] = Number(stats.max);
    }
  }
  return {
    labels: starts.map((start) => bucketLabel(period, start)), counts, failed, series: [...series.values()].sort(bySeriesOrder),
  };
}

/** Ranges up to this long chart every result; longer ones chart aggregates. */
export const RAW_RESULTS_MAX_HOURS = 7 * 24;
/** Ranges up to this long chart hourly aggregates; longer ones (up to a year and beyond) daily ones. */
export const HOURLY_MAX_HOURS = 31 * 24;

/** Where the router view's charts come from for [from, to): { kind: 'results' } or { kind: 'aggregates', period }. */
export function chartSource(from, to) {
  const hours = (Date.parse(to) - Date.parse(from)) / HOUR_MS;
  if (hours <= RAW_RESULTS_MAX_HOURS) {
    return { kind: 'results' };
  }
  return { kind: 'aggregates', period: hours <= HOURLY_MAX_HOURS ? 'hour' : 'day' };
}
