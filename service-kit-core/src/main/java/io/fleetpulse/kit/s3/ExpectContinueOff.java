package io.fleetpulse.kit.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends S3 uploads without {@code Expect: 100-continue}, as {@code S3Configuration.expectContinueEnabled(false)} does
 * for a plain SDK client; Quarkus' S3 client has no setting for it, only {@code quarkus.s3.interceptors}.
 * <p>
 * Why: with the JDK's {@code HttpURLConnection} (the URL connection client every service uses), about 3 % of
 * back-to-back PutObjects to S3Proxy failed with "Unexpected end of file from server" while waiting for the 100. This
 * SDK release surfaces that as an {@code UncheckedIOException}, which its retry stage does not retry. Archive objects
 * and raw payloads are small, so the handshake saves nothing worth that. See docs/dynamodb-local.md, section S3Proxy.
 */
public final class ExpectContinueOff implements ExecutionInterceptor {

    public static final String HEADER = "Expect";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader(HEADER).isPresent() ? request.toBuilder().removeHeader(HEADER).build() : request;
    }
}
