// The router view's charts: one card per metric the router's data holds over the range. Short ranges chart every
// result (AP3, or AP4 with a test type); longer ones the router's hourly or daily aggregates (AP6), so a year is
// 366 daily buckets read in a few pages instead of some 35,000 results.
import { getAll } from './api.js';
import { barChart, clearChart, lineChart } from './charts.js';
import { aggregateSeries, chartSource, resultSeries } from './metrics.js';
import { describeFailure, el, setState } from './ui.js';

/** Pages of 1000 results read at most for the charts of a short range. */
const RESULT_PAGES = 5;
/** Pages of aggregates read at most; a page also ends after 1 MB of hour items (about a third of a router's year). */
const AGGREGATE_PAGES = 20;

function card(key, title, subtitle, dataset) {
  return el('article', { id: `card-${key}`, className: 'card metric', dataset: { ...dataset, state: 'ready' } },
    el('h2', {}, title, subtitle ? [' ', el('small', {}, subtitle)] : null),
    el('p', { className: 'state', hidden: true }),
    el('div', { className: 'content' }, el('div', { className: 'chart', id: `chart-${key}` })));
}

const subtitle = (...parts) => parts.filter(Boolean).join(' · ');

/** Charts of every result of the range, one card per test type and metric. */
function resultCharts(results) {
  return resultSeries(results).map((series) => {
    const element = card(series.key, series.label, subtitle(series.unit, series.testType),
      { metric: series.path, testType: series.testType, source: 'results' });
    return [element, (chart) => lineChart(chart, {
      labels: series.labels, series: [{ name: series.label, values: series.values }], unit: series.unit,
    })];
  });
}

/** Charts of the range's aggregates: results and failures per bucket, then each metric's average, min and max. */
function aggregateCharts(shaped, period) {
  const per = period === 'day' ? 'day' : 'hour';
  const counts = [card('bucket-counts', `Results per ${per}`, 'all test types', { source: period }), (chart) => barChart(chart, {
    labels: shaped.labels, stacked: true, datasets: [
      { label: 'ok', data: shaped.counts.map((count, i) => count - shaped.failed[i]) },
      { label: 'failed', data: shaped.failed, color: '#dc2626' }],
  })];
  const metrics = shaped.series.map((series) => {
    const element = card(series.key, series.label, subtitle(series.unit, period === 'day' ? 'daily average' : 'hourly average'),
      { metric: series.path, source: period });
    return [element, (chart) => lineChart(chart, {
      labels: shaped.labels, unit: series.unit, series: [
        { name: 'average', values: series.avg },
        { name: 'min', values: series.min, secondary: true },
        { name: 'max', values: series.max, secondary: true }],
    })];
  });
  return [counts, ...metrics];
}

function aggregateNote(period, type, answer) {
  const notes = [`${period === 'day' ? 'Daily' : 'Hourly'} averages of all test types from the router's aggregates`
    + ' (dashed: the lowest and highest value of each bucket).'];
  if (type) {
    notes.push('Aggregates are not kept per test type: the type applies to the results table only.');
  }
  if (answer.truncated) {
    notes.push(`Charts show the first ${answer.items.length} buckets of the range; narrow it to see the rest.`);
  }
  return notes.join(' ');
}

export function createRouterCharts({ query }) {
  const placeholder = document.getElementById('card-metrics');
  const note = document.getElementById('router-charts-note');

  /** Drops the cards of an earlier range or router and shows the charts as loading. */
  function reset() {
    for (const old of document.querySelectorAll('.card.metric')) {
      clearChart(old.querySelector('.chart'));
      old.remove();
    }
    note.textContent = '';
    delete note.dataset.source;
    placeholder.hidden = false;
    setState(placeholder, 'loading', 'Loading…');
  }

  function fail(error) {
    setState(placeholder, 'error', describeFailure(error, 'query-service'));
  }

  async function read({ id, from, to, type }, source) {
    if (source.kind === 'results') {
      const answer = await getAll(query, '/v1/routers/{router_id}/results', {
        path: { router_id: id }, query: { from, to, test_type: type || undefined, order: 'asc', limit: 1000 },
      }, RESULT_PAGES);
      const text = answer.truncated
        ? `Each point is one result. Charts show the first ${answer.items.length} results of the range; narrow it to see the rest.`
        : 'Each point is one result.';
      return { charts: resultCharts(answer.items), text };
    }
    const answer = await getAll(query, '/v1/routers/{router_id}/aggregates', {
      path: { router_id: id }, query: { period: source.period, from, to, order: 'asc', limit: 1000 },
    }, AGGREGATE_PAGES);
    const shaped = aggregateSeries(answer.items, { period: source.period, from, to });
    const charts = shaped.series.length || shaped.counts.some((count) => count > 0) ? aggregateCharts(shaped, source.period) : [];
    return { charts, text: aggregateNote(source.period, type, answer) };
  }

  /** Loads and draws the charts of `state` ({id, from, to, type}) unless `isCurrent()` turned false meanwhile. */
  async function load(state, isCurrent) {
    const source = chartSource(state.from, state.to);
    reset();
    note.dataset.source = source.kind === 'results' ? 'results' : source.period;
    let answer;
    try {
      answer = await read(state, source);
    } catch (error) {
      if (isCurrent()) {
        fail(error);
      }
      throw error;
    }
    if (!isCurrent()) {
      return;
    }
    note.textContent = answer.text;
    if (answer.charts.length === 0) {
      setState(placeholder, 'empty', 'No numeric values in this range.');
      return;
    }
    placeholder.hidden = true;
    setState(placeholder, null);
    for (const [element] of answer.charts) {
      placeholder.before(element);
    }
    for (const [element, drawOn] of answer.charts) {
      drawOn(element.querySelector('.chart'));
    }
  }

  return { reset, fail, load };
}
