// Entry point: reads the page's settings, creates the API clients and switches views on hash changes.
import './dashboard.css';
import { ingestClient, ingestUrl, queryClient, storedToken, storeToken } from './api.js';
import { resizeAll } from './charts.js';
import { createOverview } from './overview.js';
import { createRouterView } from './router-view.js';
import { overviewHash, parseRoute, routerHash } from './routes.js';

async function start() {
  const query = queryClient();
  const ingestBase = await ingestUrl(query);
  const ingest = ingestClient({ baseUrl: ingestBase });
  const main = document.querySelector('main');
  const navigate = (hash) => {
    if (window.location.hash === hash) {
      render();
    } else {
      window.location.hash = hash;
    }
  };
  const overview = createOverview({ query, ingest, ingestUrl: ingestBase });
  const router = createRouterView({ query, navigate });
  const views = { overview: document.getElementById('overview'), router: document.getElementById('router') };
  let rendering = 0;

  async function render() {
    const current = ++rendering;
    const route = parseRoute(window.location.hash);
    for (const [name, section] of Object.entries(views)) {
      section.hidden = name !== route.view;
    }
    document.body.dataset.view = route.view;
    main.dataset.busy = 'true';
    try {
      await (route.view === 'router' ? router.show(route.params) : overview.show(route.params));
    } finally {
      if (current === rendering) {
        main.dataset.busy = 'false';
        resizeAll();
      }
    }
  }

  document.getElementById('router-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = document.getElementById('router-id').value.trim();
    if (id) {
      navigate(routerHash(id));
    }
  });
  const overviewChanged = () => navigate(overviewHash({
    range: overview.rangeSelect.value, location: overview.locationSelect.value,
  }));
  overview.rangeSelect.addEventListener('change', overviewChanged);
  overview.locationSelect.addEventListener('change', overviewChanged);
  const tokenForm = document.getElementById('token-form');
  const tokenInput = document.getElementById('token-input');
  const tokenClear = document.getElementById('token-clear');
  const showSignedIn = () => {
    const signedIn = Boolean(storedToken());
    tokenClear.hidden = !signedIn;
    tokenInput.placeholder = signedIn ? 'Signed in: paste another token' : 'Bearer token (results:read)';
  };
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    if (token) {
      storeToken(token);
      tokenInput.value = '';
      showSignedIn();
      render();
    }
  });
  tokenClear.addEventListener('click', () => {
    storeToken(null);
    showSignedIn();
    render();
  });
  showSignedIn();
  window.addEventListener('hashchange', render);
  window.addEventListener('resize', resizeAll);
  await render();
}

start();
