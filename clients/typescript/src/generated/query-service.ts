// Generated from docs/api/query-service.openapi.yaml by openapi-typescript 7.13.0: do not edit (npm run generate).

export interface paths {
    "/v1/admin/capacity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consumed capacity and projected monthly cost per access pattern and index (AP32)
         * @description Every service replica writes the capacity DynamoDB reported for its calls, per minute, access pattern and table or index (AP31). This sums the whole minutes of the window, prices a month (730 h) at the window's rate on-demand and provisioned (the rate over the target utilisation, at least one unit per table or index) at the configured prices (fleetpulse.cost.*, dated), and says which mode is cheaper.
         */
        get: {
            parameters: {
                query?: {
                    /** @description End of the window (exclusive; default now): the minute it falls in is not included */
                    to?: components["schemas"]["TimeParam"];
                    /** @description How far back from `to`: an ISO-8601 duration, PT1M to fleetpulse.cost.max-window (P7D) */
                    window?: components["schemas"]["WindowParam"] & unknown;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CapacityReport"];
                    };
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/aggregates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hourly or daily aggregates of a location and ISP (AP9)
         * @description One Query on the base table. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description next_cursor of the previous page: opaque (encrypted), for the same caller, within 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is a 400 naming `cursor`. */
                    cursor?: string;
                    /** @description Start of the range, inclusive: ISO-8601 with offset (2026-03-01T10:00:00Z) or a date (2026-03-01, midnight UTC). Default: `to` minus the retention (fleetpulse.query.default-lookback, 90 days). */
                    from?: components["schemas"]["TimeParam"];
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    isp: components["schemas"]["IdParam"];
                    /** @description Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end. */
                    limit?: number;
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    location: components["schemas"]["IdParam"];
                    /** @description `desc` (newest first, default) or `asc`. */
                    order?: components["schemas"]["OrderParam"] & unknown;
                    /** @description `day` (default) or `hour`. Every bucket that overlaps [from, to) is returned, the bucket of `from` and the bucket holding the range's last instant included. */
                    period?: components["schemas"]["PeriodParam"] & unknown;
                    /** @description End of the range, exclusive. Default: now + 5 minutes (the clock skew ingest accepts). Must be after `from`. */
                    to?: components["schemas"]["TimeParam"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AggregatesPage"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Failed tests of a location in a time range (AP8)
         * @description The sparse GSI2: only failed results carry its keys. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query: {
                    /** @description Must be absent or false: this pattern reads a global secondary index, which only supports eventually consistent reads (true is a 400). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description next_cursor of the previous page: opaque (encrypted), for the same caller, within 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is a 400 naming `cursor`. */
                    cursor?: string;
                    /** @description Start of the range, inclusive: ISO-8601 with offset (2026-03-01T10:00:00Z) or a date (2026-03-01, midnight UTC). Default: `to` minus the retention (fleetpulse.query.default-lookback, 90 days). */
                    from?: components["schemas"]["TimeParam"];
                    /** @description Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end. */
                    limit?: number;
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    location: components["schemas"]["IdParam"];
                    /** @description `desc` (newest first, default) or `asc`. */
                    order?: components["schemas"]["OrderParam"] & unknown;
                    /** @description End of the range, exclusive. Default: now + 5 minutes (the clock skew ingest accepts). Must be after `from`. */
                    to?: components["schemas"]["TimeParam"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResultsPage"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Known location and ISP pairs (AP14)
         * @description The location registry: every pair that has sent a result, as the archiver registers them from the table's stream (so a pair appears shortly after its first result). One Query on the base table, by location then ISP. Answers carry a strong ETag (If-None-Match gives 304) and `Cache-Control: private, no-cache`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description next_cursor of the previous page: opaque (encrypted), for the same caller, within 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is a 400 naming `cursor`. */
                    cursor?: string;
                    /** @description Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end. */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LocationsPage"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fleet/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Results of a location and ISP in a time range (AP7)
         * @description GSI1 is write-sharded (fleetpulse.fleet-shards): every shard is queried in parallel and the pages are merged in time order (ties by router and test id). The cursor carries each shard's position. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query: {
                    /** @description Must be absent or false: this pattern reads a global secondary index, which only supports eventually consistent reads (true is a 400). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description next_cursor of the previous page: opaque (encrypted), for the same caller, within 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is a 400 naming `cursor`. */
                    cursor?: string;
                    /** @description Start of the range, inclusive: ISO-8601 with offset (2026-03-01T10:00:00Z) or a date (2026-03-01, midnight UTC). Default: `to` minus the retention (fleetpulse.query.default-lookback, 90 days). */
                    from?: components["schemas"]["TimeParam"];
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    isp: components["schemas"]["IdParam"];
                    /** @description Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end. */
                    limit?: number;
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    location: components["schemas"]["IdParam"];
                    /** @description `desc` (newest first, default) or `asc`. */
                    order?: components["schemas"]["OrderParam"] & unknown;
                    /** @description End of the range, exclusive. Default: now + 5 minutes (the clock skew ingest accepts). Must be after `from`. */
                    to?: components["schemas"]["TimeParam"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResultsPage"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routers/batch-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Profiles of up to 100 routers (AP10)
         * @description BatchGetItem; keys DynamoDB leaves unprocessed are retried with exponential backoff and full jitter, and listed in `unprocessed` if they still are after the last attempt.
         */
        post: {
            parameters: {
                query?: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BatchGetRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BatchGetResponse"];
                    };
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routers/{router_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Router overview (AP2)
         * @description The profile and the latest result of each test type, in one Query. 404 when the router has no profile. For a token scoped to one ISP, only that ISP's latest results are listed. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                };
                header?: never;
                path: {
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    router_id: components["schemas"]["IdParam"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouterOverview"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unknown router */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routers/{router_id}/aggregates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A router's hourly or daily aggregates (AP6)
         * @description Hours (kept 400 days): one Query on the base table. Days (kept 5 years): a day is its hours summed plus the roll-up of its hours that TTL removed, two parallel Queries merged by day; a page never splits a day. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description next_cursor of the previous page: opaque (encrypted), for the same caller, within 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is a 400 naming `cursor`. */
                    cursor?: string;
                    /** @description Start of the range, inclusive: ISO-8601 with offset (2026-03-01T10:00:00Z) or a date (2026-03-01, midnight UTC). Default: `to` minus the retention (fleetpulse.query.default-lookback, 90 days). */
                    from?: components["schemas"]["TimeParam"];
                    /** @description Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end. */
                    limit?: number;
                    /** @description `desc` (newest first, default) or `asc`. */
                    order?: components["schemas"]["OrderParam"] & unknown;
                    /** @description `day` (default) or `hour`. Every bucket that overlaps [from, to) is returned, the bucket of `from` and the bucket holding the range's last instant included. */
                    period?: components["schemas"]["PeriodParam"] & unknown;
                    /** @description End of the range, exclusive. Default: now + 5 minutes (the clock skew ingest accepts). Must be after `from`. */
                    to?: components["schemas"]["TimeParam"];
                };
                header?: never;
                path: {
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    router_id: components["schemas"]["IdParam"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AggregatesPage"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description For a token scoped to one ISP: the router is not registered to it */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routers/{router_id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A router's results in any time range: the table (AP3; AP4 with test_type) and the S3 archive
         * @description Without test_type one Query on the base table (AP3); with test_type one Query on GSI3 (AP4). Expired results that TTL has not deleted yet are not returned from the table. The part of the range older than the archive horizon (fleetpulse.archive.horizon, the table's 90-day retention by default, fixed on the first page) is also read from the S3 archive; both parts are merged in one time order under one cursor, a result found in both is returned once (from the table), and each item says where it came from in `source` (`table` or `archive`). Ranges younger than the horizon never read S3. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). Not with test_type. */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description next_cursor of the previous page: opaque (encrypted), for the same caller, within 24 h (fleetpulse.cursor.lifetime), with the same path and parameters (limit may change); anything else is a 400 naming `cursor`. */
                    cursor?: string;
                    /** @description Start of the range, inclusive: ISO-8601 with offset (2026-03-01T10:00:00Z) or a date (2026-03-01, midnight UTC). Default: `to` minus the retention (fleetpulse.query.default-lookback, 90 days). */
                    from?: components["schemas"]["TimeParam"];
                    /** @description Items per page, 1 to 1000 (default 50). Pages can be shorter than the limit (expired items are filtered after DynamoDB's Limit); only a null next_cursor means the end. */
                    limit?: number;
                    /** @description `desc` (newest first, default) or `asc`. */
                    order?: components["schemas"]["OrderParam"] & unknown;
                    /** @description Only this test type (GSI3, AP4) */
                    test_type?: components["schemas"]["TestTypeParam"];
                    /** @description End of the range, exclusive. Default: now + 5 minutes (the clock skew ingest accepts). Must be after `from`. */
                    to?: components["schemas"]["TimeParam"];
                };
                header?: never;
                path: {
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    router_id: components["schemas"]["IdParam"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HistoryPage"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description For a token scoped to one ISP: the router is not registered to it */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routers/{router_id}/results/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Latest result of one test type (AP5)
         * @description GSI3, newest first, Limit 1. test_type is required (the overview, GET /v1/routers/{router_id}, has the latest of every type). If the index cannot answer, the archiver's latest copy is returned instead and the header `Fleetpulse-Source` says `latest-copy` (otherwise `index`). Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query: {
                    /** @description Must be absent or false: this pattern reads a global secondary index, which only supports eventually consistent reads (true is a 400). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                    /** @description The test type (required) */
                    test_type: components["schemas"]["TestTypeParam"];
                };
                header?: never;
                path: {
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    router_id: components["schemas"]["IdParam"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        /** @description `index` (AP5) or `latest-copy` (degraded: the archiver's copy) */
                        "Fleetpulse-Source"?: unknown;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestResult"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No result of this type */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routers/{router_id}/results/{timestamp}/{test_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One result by its key (AP15)
         * @description GetItem; the Location ingest-service answers with. 404 when absent or expired. Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control: `private, max-age=300` for ranges that ended over an hour ago, `private, no-cache` otherwise.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `true` for a strongly consistent read. Only on base-table patterns; on a global secondary index it is a 400 (GSIs only support eventually consistent reads). */
                    consistent?: components["schemas"]["FlagParam"] & unknown;
                };
                header?: never;
                path: {
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    router_id: components["schemas"]["IdParam"];
                    /** @description 1-64 characters: letters, digits, '_', '.', ':', '-'; starts with a letter or digit. */
                    test_id: components["schemas"]["IdParam"];
                    /** @description The result's timestamp, ISO-8601 */
                    timestamp: components["schemas"]["TimeParam"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TestResult"];
                    };
                };
                /** @description Unchanged (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A bad parameter, named in `errors[].parameter` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Authorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such result */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many concurrent requests (Retry-After) */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An unexpected failure (the problem has no detail) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description DynamoDB unavailable or circuit open (Retry-After) */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Aggregate: {
            scope?: components["schemas"]["AggregateScope"];
            period?: components["schemas"]["Period"];
            bucket_start?: components["schemas"]["Instant"];
            router_id?: string;
            location?: string;
            isp?: string;
            /** Format: int64 */
            count?: number;
            /** Format: int64 */
            failed_count?: number;
            metrics?: {
                [key: string]: components["schemas"]["MetricStats"];
            };
        };
        /** @enum {string} */
        AggregateScope: "router" | "fleet";
        /** @description A page of hourly or daily aggregates, newest bucket first unless order=asc */
        AggregatesPage: {
            items?: components["schemas"]["Aggregate"][];
            next_cursor?: string;
            from?: components["schemas"]["Instant"];
            to?: components["schemas"]["Instant"];
            order?: string;
        };
        BatchGetRequest: {
            /** @description 1 to 100 router ids; duplicates are read once */
            router_ids?: string[];
        };
        BatchGetResponse: {
            /** @description Profiles found, in the order asked */
            profiles?: components["schemas"]["RouterProfile"][];
            /** @description Ids without a profile */
            missing?: string[];
            /** @description Ids DynamoDB left unprocessed after every retry (normally empty): ask again later */
            unprocessed?: string[];
        };
        CapacityReport: {
            from?: components["schemas"]["Instant"];
            to?: components["schemas"]["Instant"];
            /** Format: int64 */
            window_seconds?: number;
            prices?: components["schemas"]["Prices"];
            services?: string[];
            /** Format: int32 */
            replicas?: number;
            patterns?: components["schemas"]["PatternUsage"][];
            indexes?: components["schemas"]["IndexUsage"][];
            total?: components["schemas"]["Total"];
        };
        /** @default false */
        FlagParam: boolean;
        FleetLocation: {
            location?: string;
            isp?: string;
        };
        HistoryItem: {
            result?: {
                [key: string]: unknown;
            };
            router_id?: string;
            isp?: string;
            test_type?: string;
            raw?: string;
            test_id?: string;
            location?: string;
            raw_ref?: components["schemas"]["RawBlobRef"];
            /** Format: int64 */
            expires_at?: number;
            timestamp?: components["schemas"]["Instant"];
            status?: components["schemas"]["TestStatus"];
            source?: components["schemas"]["ResultSource"];
        };
        /** @description A page of a router's results, from the table and the S3 archive, newest first unless order=asc */
        HistoryPage: {
            items?: components["schemas"]["HistoryItem"][];
            /** @description Pass as ?cursor= with the same other parameters for the next page; null on the last page */
            next_cursor?: string;
            /** @description The range the query covers, [from, to) (defaults filled in) */
            from?: components["schemas"]["Instant"];
            to?: components["schemas"]["Instant"];
            order?: string;
        };
        IdParam: string;
        IndexUsage: {
            index?: string;
            /** Format: double */
            read_units?: number;
            /** Format: double */
            write_units?: number;
            /** Format: double */
            read_units_per_second?: number;
            /** Format: double */
            write_units_per_second?: number;
            /** Format: int64 */
            provisioned_read_capacity?: number;
            /** Format: int64 */
            provisioned_write_capacity?: number;
            /** Format: double */
            on_demand_monthly_usd?: number;
            /** Format: double */
            provisioned_monthly_usd?: number;
            cheaper?: string;
        };
        /**
         * Format: date-time
         * @example 2022-03-10T16:15:50Z
         */
        Instant: string;
        LimitParam: number;
        /** @description A page of known location and ISP pairs, by location then ISP */
        LocationsPage: {
            items?: components["schemas"]["FleetLocation"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            next_cursor?: string;
        };
        MetricStats: {
            min?: number;
            max?: number;
            sum?: number;
            /** Format: int64 */
            count?: number;
        };
        /**
         * @default desc
         * @enum {string}
         */
        OrderParam: "desc" | "asc";
        PatternUsage: {
            pattern?: string;
            answers?: string;
            index?: string;
            /** Format: double */
            read_units?: number;
            /** Format: double */
            write_units?: number;
            /** Format: double */
            read_units_per_second?: number;
            /** Format: double */
            write_units_per_second?: number;
            /** Format: double */
            on_demand_monthly_usd?: number;
            /** Format: double */
            provisioned_monthly_usd?: number;
        };
        /** @enum {string} */
        Period: "hour" | "day";
        /**
         * @default day
         * @enum {string}
         */
        PeriodParam: "day" | "hour";
        Prices: {
            region?: string;
            as_of?: string;
            /** Format: double */
            on_demand_read_per_million?: number;
            /** Format: double */
            on_demand_write_per_million?: number;
            /** Format: double */
            provisioned_read_per_unit_hour?: number;
            /** Format: double */
            provisioned_write_per_unit_hour?: number;
            /** Format: double */
            target_utilization?: number;
            /** Format: int32 */
            hours_per_month?: number;
        };
        /**
         * @description RFC 9457 problem details (application/problem+json)
         * @example {
         *       "type": "https://fleetpulse.io/problems/validation",
         *       "title": "Validation failed",
         *       "status": 422,
         *       "detail": "/timestamp is past the retention",
         *       "instance": "/v1/results",
         *       "errors": [
         *         {
         *           "pointer": "/timestamp",
         *           "message": "is past the retention"
         *         }
         *       ]
         *     }
         */
        Problem: {
            type?: string;
            title?: string;
            /** Format: int32 */
            status?: number;
            detail?: string;
            instance?: string;
            errors?: components["schemas"]["ProblemError"][];
            extensions?: {
                [key: string]: unknown;
            };
        };
        ProblemError: {
            pointer?: string;
            parameter?: string;
            message?: string;
        };
        RawBlobRef: {
            bucket?: string;
            key?: string;
            /** Format: int64 */
            size?: number;
            sha256?: string;
        };
        /**
         * @description Where a result was read: `table` (the table, AP3/AP4) or `archive` (the S3 archive)
         * @enum {string}
         */
        ResultSource: "table" | "archive";
        /** @description A page of test results, newest first unless order=asc */
        ResultsPage: {
            items?: components["schemas"]["TestResult"][];
            /** @description Pass as ?cursor= with the same other parameters for the next page; null on the last page */
            next_cursor?: string;
            /** @description The range the query covers, [from, to) (defaults filled in) */
            from?: components["schemas"]["Instant"];
            to?: components["schemas"]["Instant"];
            order?: string;
        };
        /** @description A router's profile and the latest result of each test type */
        RouterOverview: {
            profile?: components["schemas"]["RouterProfile"];
            /** @description Latest result per test type, keyed by test_type */
            latest?: {
                [key: string]: components["schemas"]["TestResult"];
            };
        };
        RouterProfile: {
            router_id?: string;
            model?: string;
            firmware?: string;
            location?: string;
            isp?: string;
            registered_at?: components["schemas"]["Instant"];
        };
        TestResult: {
            router_id?: string;
            test_id?: string;
            test_type?: string;
            timestamp?: components["schemas"]["Instant"];
            status?: components["schemas"]["TestStatus"];
            result?: {
                [key: string]: unknown;
            };
            location?: string;
            isp?: string;
            raw?: string;
            raw_ref?: components["schemas"]["RawBlobRef"];
            /** Format: int64 */
            expires_at?: number;
        };
        /** @enum {string} */
        TestStatus: "ok" | "failed";
        TestTypeParam: string;
        /** Format: date-time */
        TimeParam: string;
        Total: {
            /** Format: double */
            read_units?: number;
            /** Format: double */
            write_units?: number;
            /** Format: double */
            on_demand_monthly_usd?: number;
            /** Format: double */
            provisioned_monthly_usd?: number;
            cheaper?: string;
        };
        /**
         * Format: duration
         * @default PT1H
         * @example PT1H
         */
        WindowParam: string;
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
