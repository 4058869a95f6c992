// Fleet overview: results per hour and failure rate of the known location/ISP pairs (AP14 -> AP9), their recent
// failures (AP8), the hot partition keys ingest-service reports and what the table's traffic costs (AP32).
import { get, getAll } from './api.js';
import { barChart, clearChart, horizontalBarChart } from './charts.js';
import {
  failureRates, formatTime, hotKeyBars, locationsOf, mergeFailures, presetRange, resultsPerHour,
} from './shaping.js';
import { capacitySummary } from './capacity.js';
import { clearBanner, describeFailure, el, setState, showBanner } from './ui.js';

/** Pairs charted at once (one aggregates request each); narrow by location to see others. */
export const MAX_PAIRS = 12;
const FAILURES_SHOWN = 20;
const HOT_KEYS = 10;

export function createOverview({ query, ingest, ingestUrl }) {
  const cards = {
    perHour: document.getElementById('card-results-per-hour'),
    failureRate: document.getElementById('card-failure-rate'),
    failures: document.getElementById('card-failures'),
    hotKeys: document.getElementById('card-hot-keys'),
    capacity: document.getElementById('card-capacity'),
  };
  const rangeSelect = document.getElementById('overview-range');
  const locationSelect = document.getElementById('overview-location');
  const note = document.getElementById('overview-note');
  let generation = 0;

  function fillLocations(pairs, selected) {
    const options = [el('option', { value: '' }, 'All locations')];
    for (const location of locationsOf(pairs)) {
      options.push(el('option', { value: location }, location));
    }
    locationSelect.replaceChildren(...options);
    locationSelect.value = selected;
  }

  function fail(cardList, error) {
    for (const card of cardList) {
      setState(card, 'error', describeFailure(error, 'query-service'));
    }
  }

  async function loadAggregates(current, pairs, range) {
    setState(cards.perHour, 'loading', 'Loading…');
    setState(cards.failureRate, 'loading', 'Loading…');
    const perPair = await Promise.all(pairs.map(async (pair) => {
      const answer = await getAll(query, '/v1/fleet/aggregates', {
        query: { location: pair.location, isp: pair.isp, period: 'hour', from: range.from, to: range.to, order: 'asc', limit: 1000 },
      }, 2);
      return { pair, items: answer.items };
    }));
    if (current !== generation) {
      return;
    }
    const hourly = resultsPerHour(perPair);
    const perHourChart = cards.perHour.querySelector('.chart');
    if (hourly.labels.length === 0) {
      clearChart(perHourChart);
      setState(cards.perHour, 'empty', 'No results in this range.');
      clearChart(cards.failureRate.querySelector('.chart'));
      setState(cards.failureRate, 'empty', 'No results in this range.');
      return;
    }
    setState(cards.perHour, null);
    barChart(perHourChart, { labels: hourly.labels, datasets: hourly.datasets, stacked: true });
    const rates = failureRates(perPair);
    setState(cards.failureRate, null);
    horizontalBarChart(cards.failureRate.querySelector('.chart'), {
      labels: rates.labels, values: rates.rates, name: 'Failure rate', unit: '%',
    });
  }

  async function loadFailures(current, pairs, range) {
    setState(cards.failures, 'loading', 'Loading…');
    const lists = await Promise.all(locationsOf(pairs).map(async (location) => {
      const page = await get(query, '/v1/fleet/failures', {
        query: { location, from: range.from, to: range.to, limit: FAILURES_SHOWN },
      });
      return page.items;
    }));
    if (current !== generation) {
      return;
    }
    const failures = mergeFailures(lists, FAILURES_SHOWN);
    const body = cards.failures.querySelector('tbody');
    body.replaceChildren(...failures.map((result) => el('tr', {},
      el('td', {}, formatTime(result.timestamp, { seconds: true })),
      el('td', {}, el('a', { href: `#/router/${encodeURIComponent(result.router_id)}` }, result.router_id)),
      el('td', {}, `${result.location} / ${result.isp}`),
      el('td', {}, result.test_type),
      el('td', { className: 'mono' }, result.test_id))));
    setState(cards.failures, failures.length ? null : 'empty', failures.length ? '' : 'No failed tests in this range.');
  }

  async function loadHotKeys(current) {
    setState(cards.hotKeys, 'loading', 'Loading…');
    const chart = cards.hotKeys.querySelector('.chart');
    try {
      const hotKeys = await get(ingest, '/v1/admin/hot-keys', { query: { limit: String(HOT_KEYS) } });
      if (current !== generation) {
        return;
      }
      if (hotKeys.length === 0) {
        clearChart(chart);
        setState(cards.hotKeys, 'empty', 'No writes in the last minute.');
        return;
      }
      setState(cards.hotKeys, null);
      horizontalBarChart(chart, { ...hotKeyBars(hotKeys), name: 'Writes' });
    } catch (error) {
      if (current === generation) {
        clearChart(chart);
        setState(cards.hotKeys, 'error', `Hot keys unavailable — ${describeFailure(error, `ingest-service (${ingestUrl})`)}`);
      }
    }
  }

  async function loadCapacity(current) {
    setState(cards.capacity, 'loading', 'Loading…');
    try {
      const report = await get(query, '/v1/admin/capacity', { query: { window: 'PT1H' } });
      if (current !== generation) {
        return;
      }
      const card = capacitySummary(report);
      if (card.empty) {
        setState(cards.capacity, 'empty', 'No capacity consumed in the last hour.');
        return;
      }
      cards.capacity.querySelector('.capacity-summary').textContent = card.summary;
      cards.capacity.querySelector('tbody').replaceChildren(...card.rows.map((row) => el('tr', {},
        el('td', { title: row.answers }, row.pattern),
        el('td', {}, row.index),
        el('td', { className: 'num' }, row.reads),
        el('td', { className: 'num' }, row.writes),
        el('td', { className: 'num' }, row.onDemand),
        el('td', { className: 'num' }, row.provisioned))));
      cards.capacity.querySelector('.capacity-more').textContent = card.more ? `${card.more} more rows in GET /v1/admin/capacity.` : '';
      setState(cards.capacity, null);
    } catch (error) {
      if (current === generation) {
        setState(cards.capacity, 'error', `Capacity unavailable — ${describeFailure(error, 'query-service')}`);
      }
    }
  }

  async function show({ range: preset = '24h', location = '' } = {}) {
    const current = ++generation;
    rangeSelect.value = preset;
    const range = presetRange(preset);
    const hotKeys = Promise.all([loadHotKeys(current), loadCapacity(current)]);
    let pairs;
    try {
      pairs = (await getAll(query, '/v1/fleet/locations', { query: { limit: 1000 } }, 5)).items;
      clearBanner('query');
    } catch (error) {
      if (current === generation) {
        showBanner('query', describeFailure(error, 'query-service'));
        fail([cards.perHour, cards.failureRate, cards.failures], error);
      }
      return hotKeys;
    }
    if (current !== generation) {
      return hotKeys;
    }
    fillLocations(pairs, location);
    const selected = pairs.filter((pair) => !location || pair.location === location);
    const shown = selected.slice(0, MAX_PAIRS);
    note.textContent = selected.length > shown.length
      ? `Showing ${shown.length} of ${selected.length} location/ISP pairs; pick a location to see the others.`
      : `${shown.length} location/ISP pair${shown.length === 1 ? '' : 's'}, ${formatTime(range.from)} to ${formatTime(range.to)} UTC.`;
    if (shown.length === 0) {
      for (const card of [cards.perHour, cards.failureRate, cards.failures]) {
        const chart = card.querySelector('.chart');
        if (chart) {
          clearChart(chart);
        }
        setState(card, 'empty', 'No location/ISP pair is known yet (the archiver registers a pair with its first result).');
      }
      return hotKeys;
    }
    const guarded = (promise, affected) => promise.catch((error) => {
      if (current === generation) {
        showBanner('query', describeFailure(error, 'query-service'));
        fail(affected, error);
      }
    });
    await Promise.all([
      guarded(loadAggregates(current, shown, range), [cards.perHour, cards.failureRate]),
      guarded(loadFailures(current, shown, range), [cards.failures]),
      hotKeys]);
    return undefined;
  }

  return { show, rangeSelect, locationSelect };
}
