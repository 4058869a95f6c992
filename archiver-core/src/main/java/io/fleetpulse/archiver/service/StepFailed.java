package io.fleetpulse.archiver.service;

import com.fasterxml.jackson.core.JsonProcessingException;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A side effect of a batch failed every attempt. {@link #recordFault()} tells whether the records are the cause
 * (DynamoDB rejected what they ask for, or they could not be mapped), so that splitting the batch can isolate them;
 * anything else (a dependency away, throttling, timeouts, contention) is the same for every record.
 */
public class StepFailed extends RuntimeException {

    private final String step;

    public StepFailed(String step, Throwable cause, long attempts) {
        super(step + " failed " + attempts + " times: " + cause.getMessage(), cause);
        this.step = step;
    }

    public String step() {
        return step;
    }

    public boolean recordFault() {
        return isRecordFault(getCause());
    }

    /** True when {@code failure} is caused by what the records ask for, not by a dependency. */
    public static boolean isRecordFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DynamoDbException dynamo) {
                return dynamo.statusCode() == 400 && dynamo.awsErrorDetails() != null
                        && "ValidationException".equals(dynamo.awsErrorDetails().errorCode());
            }
            if (t instanceof IllegalArgumentException || t instanceof ArithmeticException || t instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }
}
