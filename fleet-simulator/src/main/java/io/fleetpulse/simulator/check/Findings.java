package io.fleetpulse.simulator.check;

import java.util.ArrayList;
import java.util.List;

import io.fleetpulse.client.model.RouterOverview;
import io.fleetpulse.model.entity.Aggregate;
import io.fleetpulse.model.entity.ArchiveRun;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.simulator.ledger.Totals;

/** What the end checks found, for the summary: figures of each check, a few real answers, and the mismatches. */
public final class Findings {

    public final Mismatches mismatches = new Mismatches();

    // aggregates
    public double catchUpSeconds = -1;
    /** The archiver's stream records from the start of the run to the catch-up (-1: its metrics were not readable). */
    public double consumerRecords = -1;
    public double consumerRecordsPerSecond = -1;
    public double consumerMaxLagMillis;
    public int fleetHourBuckets;
    public int pairs;
    public int routerDayBuckets;
    /** Results per hour of the window, summed over every location + ISP, as query-service answered them. */
    public List<Long> hourlyCounts = new ArrayList<>();

    // results
    public int routersListed;
    public long resultsListed;
    public long pages;
    public int overviewsChecked;

    // samples shown in the summary
    public String sampleRouter;
    public RouterOverview sampleOverview;
    public List<TestResult> sampleRecent = List.of();
    public String samplePair;
    public List<TestResult> sampleFleet = List.of();
    public Aggregate samplePeakAggregate;
    public Totals samplePeakLedger;

    // Kafka
    public boolean kafkaChecked;
    public KafkaEvents.Seen kafka;
    public int kafkaExpected;

    // archive
    public ArchiveRun archiveRun;
    public int archiveExpected;
    public ArchiveObjects.Contents s3;
    public int readBackRouters;
    public long readBackRows;

    public boolean ok() {
        return mismatches.count() == 0;
    }
}
