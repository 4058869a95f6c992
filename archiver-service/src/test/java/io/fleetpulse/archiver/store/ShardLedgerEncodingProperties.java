package io.fleetpulse.archiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Size;

/** The ledger's compact list of records applied beyond its sequence number gives back exactly the set it was given. */
class ShardLedgerEncodingProperties {

    @Property(tries = 300)
    void theRecordsBeyondTheSequenceNumberSurviveTheRoundTrip(
            @ForAll @BigRange(min = "0", max = "99999999999999999999999999999") BigInteger through,
            @ForAll @Size(min = 1, max = 1_200) List<@BigRange(min = "1", max = "1000000000") BigInteger> gaps,
            @ForAll boolean fromNothing) {
        TreeSet<BigInteger> beyond = new TreeSet<>();
        BigInteger sequence = through;
        for (BigInteger gap : gaps) {
            sequence = sequence.add(gap);
            beyond.add(sequence);
        }
        BigInteger base = fromNothing ? null : through;

        String encoded = ShardLedger.encodeBeyond(base, beyond);

        assertThat(ShardLedger.decodeBeyond(base, encoded)).containsExactlyElementsOf(beyond);
        // DynamoDB Local's 21-digit sequence numbers one apart cost 2 bytes each, not 22
        if (!fromNothing && gaps.stream().allMatch(BigInteger.ONE::equals)) {
            assertThat(encoded.length()).isLessThanOrEqualTo(2 * beyond.size());
        }
    }
}
