package io.fleetpulse.archiver.lambda.handler;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import io.fleetpulse.archiver.lambda.event.LambdaStreamRecords;
import io.fleetpulse.archiver.service.InvocationProcessor;
import io.fleetpulse.archiver.service.ProcessingPipeline;
import io.fleetpulse.archiver.service.StreamRecord;

/**
 * The archiver's stream core behind a DynamoDB Streams event source mapping with {@code ReportBatchItemFailures}: the
 * batch is applied up to its first record at fault, which is reported as the batch item failure, so Lambda delivers it
 * and everything after it again (up to the mapping's retry attempts, then its on-failure destination gets the batch's
 * position). A dependency that keeps failing fails the invocation as a whole (the mapping bisects and retries it).
 */
@Named("stream")
public class StreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = Logger.getLogger(StreamHandler.class);

    private final InvocationProcessor processor;

    @Inject
    public StreamHandler(ProcessingPipeline pipeline) {
        this.processor = new InvocationProcessor(pipeline);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamRecord> records = LambdaStreamRecords.from(event);
        InvocationProcessor.Outcome outcome = processor.process(records);
        if (outcome.complete()) {
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
        LOG.warnf("stream record %s failed (%s): reported with the %d records after it", outcome.failed().position(), outcome.reason(),
                records.size() - outcome.applied() - 1);
        return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                new StreamsEventResponse.BatchItemFailure(outcome.failed().sequenceNumber()))).build();
    }
}
