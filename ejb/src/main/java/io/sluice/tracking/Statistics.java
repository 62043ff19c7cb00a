package io.sluice.tracking;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Traffic over a time range, per hour or per day, from the tracking log.
 *
 * @param period  "hour" or "day"
 * @param buckets one per period that saw traffic, oldest first
 */
@JsonbPropertyOrder({"period", "from", "until", "totals", "buckets", "topSenders", "topRecipients", "topViruses",
        "senderChecks"})
public record Statistics(String period, Instant from, Instant until, Bucket totals, List<Bucket> buckets,
                         List<Count> topSenders, List<Count> topRecipients, List<Count> topViruses,
                         CheckCounts senderChecks) {

    /**
     * Messages of the range by the sender checks' results; a message whose check was off is not
     * counted under it.
     *
     * @param dkim   "pass" when a signature passed, else the first signature's result ("none": unsigned)
     * @param dmarc  as the tracking log keeps it ("pass", "fail reject" ...)
     * @param listed messages a DNS block list listed something of
     */
    @JsonbPropertyOrder({"spf", "dkim", "dmarc", "greylist", "listed"})
    public record CheckCounts(Map<String, Long> spf, Map<String, Long> dkim, Map<String, Long> dmarc,
                              Map<String, Long> greylist, long listed) {
    }

    /** Messages and octets in one period, by outcome and by verdict. */
    @JsonbPropertyOrder({"start", "messages", "bytes", "byOutcome", "byVerdict"})
    public record Bucket(Instant start, long messages, long bytes, Map<String, Long> byOutcome,
                         Map<String, Long> byVerdict) {
    }

    @JsonbPropertyOrder({"key", "messages"})
    public record Count(String key, long messages) {
    }
}
