// Typed clients of the three Fleetpulse services: openapi-fetch over the types openapi-typescript generates from
// the committed contract (src/generated, from docs/api/*.openapi.yaml), a bearer-token middleware, problem+json
// failures as FleetpulseError and cursor paging.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components as ArchiverComponents, paths as ArchiverPaths } from './generated/archiver-service.js';
import type { components as IngestComponents, paths as IngestPaths } from './generated/ingest-service.js';
import type { components as QueryComponents, paths as QueryPaths } from './generated/query-service.js';

export type { ArchiverPaths, IngestPaths, QueryPaths };
export type IngestSchemas = IngestComponents['schemas'];
export type QuerySchemas = QueryComponents['schemas'];
export type ArchiverSchemas = ArchiverComponents['schemas'];

/** RFC 9457 problem details: the body of every 4xx/5xx answer (the same schema in the three contracts). */
export type Problem = QuerySchemas['Problem'];
export type ProblemError = QuerySchemas['ProblemError'];

export type IngestClient = Client<IngestPaths>;
export type QueryClient = Client<QueryPaths>;
export type ArchiverClient = Client<ArchiverPaths>;

type Token = string | null | undefined;

export interface ClientOptions {
  /** The service's base URL, e.g. `https://query.fleetpulse.example`; '' is the page's origin in a browser. */
  baseUrl?: string;
  /** The bearer token, or a function giving it for each request (e.g. from storage); none: no Authorization header. */
  token?: Token | (() => Token | Promise<Token>);
  /** Default: globalThis.fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * What went wrong, for a UI to react to: 'unreachable' (no HTTP answer at all), 'unauthorized' (401: no or a bad
 * token), 'forbidden' (403: the token lacks the role), 'not-found', 'conflict' (409), 'rate-limited' (429),
 * 'unavailable' (503: retry after `retryAfter` seconds), 'bad-request' (other 4xx) or 'server' (other 5xx).
 */
export type ErrorKind =
  | 'unreachable' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'rate-limited' | 'unavailable'
  | 'bad-request' | 'server';

export class FleetpulseError extends Error {
  readonly kind: ErrorKind;
  /** The HTTP status; 0 when there was no answer. */
  readonly status: number;
  /** The problem+json body, when the answer had one. */
  readonly problem: Problem | null;
  /** Retry-After in seconds (429, 503), else null. */
  readonly retryAfter: number | null;

  constructor(kind: ErrorKind, status: number, message: string, problem: Problem | null = null, retryAfter: number | null = null) {
    super(message);
    this.name = 'FleetpulseError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export function errorKind(status: number): ErrorKind {
  switch (status) {
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not-found';
    case 409: return 'conflict';
    case 429: return 'rate-limited';
    case 503: return 'unavailable';
    default: return status >= 400 && status < 500 ? 'bad-request' : 'server';
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** The answer's data, or a FleetpulseError for a 4xx/5xx answer (or none at all). */
export async function unwrap<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (response.ok) {
    return data as D;
  }
  const problem = isProblem(error) ? error : null;
  const detail = problem?.detail || problem?.title || response.statusText || 'request failed';
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  throw new FleetpulseError(errorKind(response.status), response.status, `${response.status} ${detail}`, problem,
    Number.isNaN(retryAfter) ? null : retryAfter);
}

function middleware(token: ClientOptions['token']): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      if (value) {
        request.headers.set('Authorization', `Bearer ${value}`);
      }
      return request;
    },
    onError({ request, error }) {
      if (error instanceof FleetpulseError) {
        return error;
      }
      const reason = error instanceof Error ? error.message : String(error);
      return new FleetpulseError('unreachable', 0, `no answer from ${new URL(request.url).origin}: ${reason}`);
    },
  };
}

function create<P extends {}>(options: ClientOptions): Client<P> {
  const client = createClient<P>({
    baseUrl: options.baseUrl ?? '',
    headers: { Accept: 'application/json', ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(middleware(options.token));
  return client;
}

/** ingest-service: results (one, a batch), router profiles, the hot partition keys. */
export function createIngestClient(options: ClientOptions = {}): IngestClient {
  return create<IngestPaths>(options);
}

/** query-service: every read (a router's results and aggregates, fleet views, batch-get). */
export function createQueryClient(options: ClientOptions = {}): QueryClient {
  return create<QueryPaths>(options);
}

/** archiver-service: archive runs and archived results. */
export function createArchiverClient(options: ClientOptions = {}): ArchiverClient {
  return create<ArchiverPaths>(options);
}

/** A page of a ranged endpoint: `next_cursor` is null (or absent) on the last page. */
export interface Page<T> {
  items?: T[];
  next_cursor?: string | null;
}

async function* walk<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<Page<T>> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

/** Every page's items in turn, passing each page's next_cursor to `fetchPage` for the next (undefined for the first). */
export async function* pages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for await (const page of walk(fetchPage)) {
    yield page.items ?? [];
  }
}

/** The items of at most `maxPages` pages (at least one is read); `truncated` when more were left. */
export async function collect<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, maxPages = Infinity)
  : Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let read = 0;
  for await (const page of walk(fetchPage)) {
    items.push(...(page.items ?? []));
    read++;
    if (page.next_cursor && read >= maxPages) {
      return { items, truncated: true };
    }
  }
  return { items, truncated: false };
}
