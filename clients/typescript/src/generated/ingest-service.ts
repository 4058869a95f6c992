// Generated from docs/api/ingest-service.openapi.yaml by openapi-typescript 7.13.0: do not edit (npm run generate).

export interface paths {
    "/v1/admin/hot-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Most written partition keys over the sliding window
         * @description The local equivalent of DynamoDB Contributor Insights: partition keys by writes this service made over the last fleetpulse.ingest.hot-keys.window (default 60 s), most written first.
         */
        get: {
            parameters: {
                query?: {
                    /** @description 1..100, default 10 */
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Top partition keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HotKeyView"][];
                    };
                };
                /** @description Bad limit */
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
    "/v1/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store one test result
         * @description test_id is optional: when absent it is derived from the whole content (c: and 32 hex digits), so a retry is idempotent and two different results never share a key. A client-given test_id is written by a conditional put: it never replaces a stored result. expires_at = timestamp + retention. A raw payload that would push the item past DynamoDB's 400 KB goes to S3 under its content address (raw/<router_id>/<sha256>).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Content-Length"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TestResult"];
                };
            };
            responses: {
                /** @description The identical result was already stored; nothing written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredKeys"];
                    };
                };
                /** @description Stored; Location names the result */
                201: {
                    headers: {
                        /** @description /v1/routers/{router_id}/results/{timestamp}/{test_id} */
                        Location?: unknown;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredKeys"];
                    };
                };
                /** @description Malformed JSON */
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
                /** @description The token is scoped to another ISP than the result's, or the router is not registered to the token's ISP */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A different result is stored under the same key (router_id, timestamp, test_id); the stored one is kept */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body or stored item too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not application/json (errors[0].parameter: Content-Type) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Invalid or past retention */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Saturated; see Retry-After */
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
                /** @description Store unavailable; see Retry-After */
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
    "/v1/results/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store up to 1,000 results: {"results": [...]}
         * @description Each item is validated on its own: invalid ones are listed by index with their problems, valid ones are written (BatchWriteItem, 25 per request, unprocessed items retried with backoff). An item is counted accepted only once DynamoDB has it; what could not be written is listed with reason not_written. Identical duplicates inside the request are stored once and all counted accepted; a duplicate key with different content is rejected as conflict, and so is an item with a client-given test_id whose key holds a different stored result (an identical one counts as accepted): those items are written by conditional puts, so a stored result is never replaced by other content.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Content-Length"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-ndjson": string;
                    "application/json": components["schemas"]["ResultBatch"];
                };
            };
            responses: {
                /** @description Processed: counts and rejected items */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BatchAnswer"];
                    };
                };
                /** @description The body is not JSON */
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
                /** @description Not read to its end within fleetpulse.ingest.limits.max-stream-time: the lines read are reported, unread_from_line says where to go on */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description More than 1,000 items or body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a {"results": [...]} envelope */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Saturated; see Retry-After */
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
                /** @description Nothing could be written; see Retry-After (the per-item report is included) */
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
        get?: never;
        /**
         * Create or replace a router profile
         * @description router_id comes from the path (a router_id in the body must match). registered_at is kept from the stored profile when omitted, and set to now on creation. The put is conditional on the stored owner: a token scoped to one ISP registers routers without a profile for its ISP (claiming them) and replaces only its own ISP's profiles.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    "Content-Length"?: string;
                };
                path: {
                    router_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouterProfile"];
                };
            };
            responses: {
                /** @description Replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouterProfile"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouterProfile"];
                    };
                };
                /** @description Malformed JSON or bad router_id */
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
                /** @description The router is registered to another ISP, or the body names another ISP than the token's */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The profile changed concurrently; send again */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Invalid profile */
                422: {
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
                /** @description Store unavailable; see Retry-After */
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
        BatchAnswer: {
            /** Format: int64 */
            accepted?: number;
            /** Format: int64 */
            rejected_count?: number;
            rejected?: components["schemas"]["Rejected"][];
            rejected_truncated?: boolean;
        };
        HotKeyView: {
            partition_key?: string;
            /** Format: int64 */
            writes?: number;
        };
        /**
         * Format: date-time
         * @example 2022-03-10T16:15:50Z
         */
        Instant: string;
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
        Rejected: {
            /** Format: int64 */
            index?: number;
            reason?: string;
            problems?: components["schemas"]["ProblemError"][];
        };
        ResultBatch: {
            results: components["schemas"]["TestResult"][];
        };
        RouterProfile: {
            router_id?: string;
            model?: string;
            firmware?: string;
            location?: string;
            isp?: string;
            registered_at?: components["schemas"]["Instant"];
        };
        StoredKeys: {
            router_id?: string;
            test_id?: string;
            timestamp?: components["schemas"]["Instant"];
            pk?: string;
            sk?: string;
            /** Format: int64 */
            expires_at?: number;
            raw_ref?: components["schemas"]["RawBlobRef"];
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
