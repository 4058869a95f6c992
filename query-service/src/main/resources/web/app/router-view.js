// Router view: profile and latest results (AP2), charts of the metrics its data holds over a range (router-charts.js:
// its results, or its aggregates for long ranges up to a year), and the raw results paged through the API's cursors.
import { get } from './api.js';
import { createRouterCharts } from './router-charts.js';
import { formatTime, presetRange, summarizeResult } from './shaping.js';
import { routerHash } from './routes.js';
import { clearBanner, describeFailure, el, setState, showBanner } from './ui.js';

/** Results per table page. */
export const PAGE_SIZE = 10;

/** datetime-local inputs hold UTC minutes ("2026-03-01T10:00"). */
function isoToInput(iso) {
  return new Date(iso).toISOString().slice(0, 16);
}

function inputToIso(value) {
  return value ? new Date(`${value}:00Z`).toISOString() : null;
}

export function createRouterView({ query, navigate }) {
  const notFound = document.getElementById('router-not-found');
  const content = document.getElementById('router-content');
  const profileCard = document.getElementById('card-router-profile');
  const resultsCard = document.getElementById('card-results');
  const form = document.getElementById('router-range');
  const fromField = document.getElementById('range-from');
  const toField = document.getElementById('range-to');
  const typeSelect = document.getElementById('range-type');
  const prev = document.getElementById('results-prev');
  const next = document.getElementById('results-next');
  const pageInfo = document.getElementById('results-page');
  const charts = createRouterCharts({ query });
  let state = null;
  let generation = 0;

  function renderProfile(overview) {
    const profile = overview.profile;
    document.getElementById('router-title').textContent = profile.router_id;
    const fields = [['Model', profile.model], ['Firmware', profile.firmware], ['Location', profile.location],
      ['ISP', profile.isp], ['Registered', profile.registered_at ? formatTime(profile.registered_at) + ' UTC' : '–']];
    document.getElementById('router-profile').replaceChildren(
      ...fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value ?? '–')]));
    const latest = Object.values(overview.latest || {});
    document.getElementById('router-latest').replaceChildren(...latest.map((result) =>
      el('li', { className: result.status === 'failed' ? 'failed' : '' },
        `${result.test_type}: ${result.status} at ${formatTime(result.timestamp, { seconds: true })}`)));
    const types = Object.keys(overview.latest || {}).sort();
    typeSelect.replaceChildren(el('option', { value: '' }, 'All types'),
      ...types.map((type) => el('option', { value: type }, type)));
    setState(profileCard, null);
  }

  async function loadPage(current) {
    setState(resultsCard, 'loading', 'Loading…');
    prev.disabled = true;
    next.disabled = true;
    const page = await get(query, '/v1/routers/{router_id}/results', {
      path: { router_id: state.id },
      query: { from: state.from, to: state.to, test_type: state.type || undefined, limit: PAGE_SIZE, cursor: state.cursors[state.page] },
    });
    if (current !== generation) {
      return;
    }
    state.cursors[state.page + 1] = page.next_cursor;
    const body = resultsCard.querySelector('tbody');
    body.replaceChildren(...page.items.map((result) => el('tr', { dataset: { testId: result.test_id } },
      el('td', {}, formatTime(result.timestamp, { seconds: true })),
      el('td', {}, result.test_type),
      el('td', { className: result.status === 'failed' ? 'failed' : '' }, result.status),
      el('td', { className: 'mono' }, result.test_id),
      el('td', { className: 'summary' }, summarizeResult(result)))));
    pageInfo.textContent = `Page ${state.page + 1}`;
    prev.disabled = state.page === 0;
    next.disabled = !page.next_cursor;
    setState(resultsCard, page.items.length || state.page > 0 ? null : 'empty',
      page.items.length || state.page > 0 ? '' : 'No results in this range.');
  }

  function failed(error, current) {
    if (current === generation) {
      showBanner('query', describeFailure(error, 'query-service'));
    }
  }

  async function show({ id, from, to, type = '' }) {
    const current = ++generation;
    const range = from && to ? { from, to } : presetRange('24h');
    state = { id, from: range.from, to: range.to, type, cursors: [null], page: 0 };
    fromField.value = isoToInput(state.from);
    toField.value = isoToInput(state.to);
    document.getElementById('router-id').value = id;
    notFound.hidden = true;
    content.hidden = false;
    setState(profileCard, 'loading', 'Loading…');
    charts.reset();
    let overview;
    try {
      overview = await get(query, '/v1/routers/{router_id}', { path: { router_id: id } });
      clearBanner('query');
    } catch (error) {
      if (current !== generation) {
        return;
      }
      if (error.kind === 'not-found') {
        content.hidden = true;
        notFound.hidden = false;
        notFound.querySelector('.id').textContent = id;
        return;
      }
      setState(profileCard, 'error', describeFailure(error, 'query-service'));
      charts.fail(error);
      failed(error, current);
      return;
    }
    if (current !== generation) {
      return;
    }
    renderProfile(overview);
    typeSelect.value = type;
    await Promise.all([
      charts.load(state, () => current === generation).catch((error) => failed(error, current)),
      loadPage(current).catch((error) => {
        setState(resultsCard, 'error', describeFailure(error, 'query-service'));
        failed(error, current);
      })]);
  }

  function turn(delta) {
    state.page += delta;
    loadPage(generation).catch((error) => {
      setState(resultsCard, 'error', describeFailure(error, 'query-service'));
      failed(error, generation);
    });
  }

  prev.addEventListener('click', () => turn(-1));
  next.addEventListener('click', () => turn(1));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = inputToIso(fromField.value);
    const to = inputToIso(toField.value);
    navigate(routerHash(state.id, { from, to, type: typeSelect.value }));
  });
  for (const button of form.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      const range = presetRange(button.dataset.preset);
      navigate(routerHash(state.id, { ...range, type: typeSelect.value }));
    });
  }

  return { show };
}
