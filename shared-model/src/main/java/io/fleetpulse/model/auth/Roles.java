package io.fleetpulse.model.auth;

import java.util.List;

/**
 * The roles (MicroProfile JWT {@code groups}) a bearer token carries, and the tenant claim. Every {@code /v1}
 * endpoint names one of these; an OIDC provider maps its scopes onto them.
 */
public final class Roles {

    /** Ingest: POST results and router profiles. */
    public static final String RESULTS_WRITE = "results:write";
    /** Query: every read of results, routers, fleet views and the archive. */
    public static final String RESULTS_READ = "results:read";
    /** Archive runs: start and watch exports of old results to S3. */
    public static final String ARCHIVE_ADMIN = "archive:admin";
    /** Operator views: hot keys and other admin endpoints. */
    public static final String ADMIN = "admin";

    /** Every role, in the order above. */
    public static final List<String> ALL = List.of(RESULTS_WRITE, RESULTS_READ, ARCHIVE_ADMIN, ADMIN);

    /**
     * The tenant claim: a token carrying it reads and writes only the routers and fleet views of that ISP.
     * Its value is an ISP as stored on results and profiles (same charset and case).
     */
    public static final String ISP_CLAIM = "isp";

    private Roles() {
    }
}
