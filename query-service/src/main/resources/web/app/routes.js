// The dashboard's views live in the location hash: "#/?range=24h&location=berlin" (overview) and
// "#/router/<router_id>?from=...&to=...&type=..." (router view), so a view can be bookmarked and reloaded.

export function parseRoute(hash) {
  const [path, queryString = ''] = (hash || '').replace(/^#/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(queryString));
  const match = /^\/router\/([^/]+)$/.exec(path);
  if (match) {
    return { view: 'router', params: { ...params, id: decodeURIComponent(match[1]) } };
  }
  return { view: 'overview', params };
}

export function overviewHash({ range, location } = {}) {
  const params = new URLSearchParams();
  if (range) {
    params.set('range', range);
  }
  if (location) {
    params.set('location', location);
  }
  const query = params.toString();
  return `#/${query ? `?${query}` : ''}`;
}

export function routerHash(id, { from, to, type } = {}) {
  const params = new URLSearchParams();
  if (from && to) {
    params.set('from', from);
    params.set('to', to);
  }
  if (type) {
    params.set('type', type);
  }
  const query = params.toString();
  return `#/router/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
}
