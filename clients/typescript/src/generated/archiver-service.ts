// Generated from docs/api/archiver-service.openapi.yaml by openapi-typescript 7.13.0: do not edit (npm run generate).

export interface paths {
    "/v1/archive/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Archived results of a router in [from, to)
         * @description One JSON result per line; reads only the dt= partitions of the days in the range.
         */
        get: {
            parameters: {
                query: {
                    /** @description start, ISO-8601 instant, inclusive */
                    from: string;
                    /** @description router id */
                    router_id: string;
                    /** @description end, ISO-8601 instant, exclusive */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description NDJSON stream (possibly empty) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": components["schemas"]["StreamingOutput"];
                    };
                };
                /** @description Bad parameters */
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
    "/v1/archive/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an archive run
         * @description Exports every result older than older_than to the S3 archive, then replaces it in the table by a tombstone (in no index, read by no endpoint, kept until the result's own expires_at, so a re-sent copy is a duplicate), each result exactly once; `deleted` counts them. One run at a time: while another run holds the run lock (also one that stopped and waits to be resumed) the answer is 409. Answers at once; follow Location for status and counts.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ArchiveRunRequest"];
                };
            };
            responses: {
                /** @description Run accepted; Location names it */
                202: {
                    headers: {
                        /** @description /v1/archive/runs/{id} */
                        Location?: unknown;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArchiveRun"];
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
                /** @description Not Allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Another archive run holds the run lock (one run at a time); the detail names it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description older_than missing or not a positive ISO-8601 duration */
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
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/archive/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An archive run: status and counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ArchiveRun"];
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
                /** @description No such run */
                404: {
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ArchiveRun: {
            run_id?: string;
            status?: components["schemas"]["ArchiveRunStatus"];
            older_than?: string;
            cutoff?: components["schemas"]["Instant"];
            created_at?: components["schemas"]["Instant"];
            updated_at?: components["schemas"]["Instant"];
            /** Format: int64 */
            exported?: number;
            /** Format: int64 */
            deleted?: number;
            /** Format: int64 */
            objects?: number;
            error?: string;
            /** Format: int64 */
            expires_at?: number;
        };
        ArchiveRunRequest: {
            /**
             * @description Archive results older than this ISO-8601 duration
             * @example P30D
             */
            older_than: string;
        };
        /** @enum {string} */
        ArchiveRunStatus: "pending" | "running" | "succeeded" | "failed";
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
        StreamingOutput: Record<string, never>;
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
