package io.fleetpulse.kit.problem;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** How the services tell throttling apart from other store failures. */
public final class StoreErrors {

    private StoreErrors() {
    }

    public static boolean isThrottling(Throwable error) {
        if (error instanceof ProvisionedThroughputExceededException
                || error instanceof ThrottlingException
                || error instanceof RequestLimitExceededException) {
            return true;
        }
        return error instanceof AwsServiceException service && service.isThrottlingException();
    }

    /** A short, safe name of a store error for answers and metrics: the AWS error code or the class name. */
    public static String code(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }
}
