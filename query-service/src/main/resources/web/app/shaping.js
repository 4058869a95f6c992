// Data shaping for the dashboard: query-service (and ingest-service) answers in, chart-ready series out.
// Pure functions, no DOM and no fetch, so `node --test` covers them (src/test/js).

const HOUR_MS = 3600 * 1000;

/** "berlin / acme" */
export function pairLabel(pair) {
  return `${pair.location} / ${pair.isp}`;
}

/** A UTC instant as "2026-03-01 10:00" (minutes) or with seconds. */
export function formatTime(iso, { seconds = false } = {}) {
  const text = new Date(iso).toISOString();
  return text.slice(0, 10) + ' ' + text.slice(11, seconds ? 19 : 16);
}

/** Failed share in percent, rounded to one decimal; null when nothing ran. */
export function failureRate(count, failed) {
  if (!count) {
    return null;
  }
  return Math.round((1000 * failed) / count) / 10;
}

/**
 * Results per hour of each location/ISP pair: one dataset per pair, one label per hour bucket that any pair has,
 * in time order; an hour a pair has no aggregate for counts 0 (no aggregate means no result in that hour).
 * Input: [{ pair: {location, isp}, items: [hourly Aggregate] }].
 */
export function resultsPerHour(aggregatesByPair) {
  const hours = new Set();
  for (const { items } of aggregatesByPair) {
    for (const aggregate of items) {
      hours.add(Date.parse(aggregate.bucket_start));
    }
  }
  const sorted = [...hours].sort((a, b) => a - b);
  const index = new Map(sorted.map((hour, i) => [hour, i]));
  const datasets = aggregatesByPair.map(({ pair, items }) => {
    const data = new Array(sorted.length).fill(0);
    for (const aggregate of items) {
      data[index.get(Date.parse(aggregate.bucket_start))] += aggregate.count;
    }
    return { label: pairLabel(pair), data };
  });
  return { labels: sorted.map((hour) => formatTime(new Date(hour).toISOString())), datasets };
}

/**
 * Failure rate of each pair over the whole range (sum of failed / sum of results of its buckets), pairs in the
 * order given. Pairs without results keep their place with a null rate, so the chart shows them as empty.
 */
export function failureRates(aggregatesByPair) {
  const labels = [];
  const rates = [];
  const counts = [];
  const failed = [];
  for (const { pair, items } of aggregatesByPair) {
    const count = items.reduce((sum, aggregate) => sum + aggregate.count, 0);
    const failedCount = items.reduce((sum, aggregate) => sum + aggregate.failed_count, 0);
    labels.push(pairLabel(pair));
    counts.push(count);
    failed.push(failedCount);
    rates.push(failureRate(count, failedCount));
  }
  return { labels, rates, counts, failed };
}

/** The distinct locations of the pairs, in first-seen order. */
export function locationsOf(pairs) {
  return [...new Set(pairs.map((pair) => pair.location))];
}

/** Failures of several locations merged newest first, each result once, at most `limit`. */
export function mergeFailures(lists, limit) {
  const seen = new Set();
  const merged = [];
  for (const item of lists.flat()) {
    const id = `${item.router_id}/${item.test_id}`;
    if (!seen.has(id)) {
      seen.add(id);
      merged.push(item);
    }
  }
  merged.sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp)
      || `${b.router_id}/${b.test_id}`.localeCompare(`${a.router_id}/${a.test_id}`));
  return merged.slice(0, limit);
}

/** ingest-service's hot keys ([{partition_key, writes}], most written first) as bar labels and values. */
export function hotKeyBars(hotKeys) {
  return { labels: hotKeys.map((key) => key.partition_key), values: hotKeys.map((key) => key.writes) };
}

/** The range presets of the pickers, [from, to) ending at `now`. */
export const PRESETS = { '1h': 1, '6h': 6, '24h': 24, '48h': 48, '7d': 168, '30d': 720, '90d': 2160, '365d': 8760 };

export function presetRange(preset, now = new Date()) {
  const hours = PRESETS[preset];
  if (!hours) {
    throw new Error(`unknown range preset: ${preset}`);
  }
  const to = new Date(Math.ceil(now.getTime() / 60000) * 60000);
  return { from: new Date(to.getTime() - hours * HOUR_MS).toISOString(), to: to.toISOString() };
}

/** The `result` of a test result as short "name=value" text for the results table (nested values as JSON). */
export function summarizeResult(result, maxLength = 120) {
  const parts = Object.entries(result.result || {}).map(([name, value]) =>
    `${name}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : value}`);
  const text = parts.join(', ');
  return text.length > maxLength ? text.slice(0, maxLength - 1) + '…' : text;
}
