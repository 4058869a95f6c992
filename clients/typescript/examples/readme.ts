// The README's example ("Calling Fleetpulse"), type-checked by `npm run build` against the generated types.
import { collect, createQueryClient, FleetpulseError, unwrap } from '../src/index.js';

const query = createQueryClient({ baseUrl: 'http://127.0.0.1:8082', token: () => localStorage.getItem('fleetpulse.token') });
const results = (cursor?: string) => unwrap(query.GET('/v1/routers/{router_id}/results', { params: { path: { router_id: 'rtr-000001' }, query: { order: 'asc', limit: 500, cursor } } }));
for (const item of (await collect(results)).items) console.log(item.source, item.test_type, item.status);   // every page, following next_cursor
try { await unwrap(query.GET('/v1/routers/{router_id}', { params: { path: { router_id: 'no-such-router' } } })); }
catch (e) { if (e instanceof FleetpulseError) console.log(e.kind, e.status, e.problem?.title); }   // not-found 404 Not Found
