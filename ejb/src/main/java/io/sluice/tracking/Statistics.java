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
@JsonbPropertyOrder({"period", "from", "until", "totals", "buckets", "topSenders", "topRecipients", "topViruses"})
public record Statistics(String period, Instant from, Instant until, Bucket totals, List<Bucket> buckets,
                         List<Count> topSenders, List<Count> topRecipients, List<Count> topViruses) {

    /** Messages and octets in one period, by outcome and by verdict. */
    @JsonbPropertyOrder({"start", "messages", "bytes", "byOutcome", "byVerdict"})
    public record Bucket(Instant start, long messages, long bytes, Map<String, Long> byOutcome,
                         Map<String, Long> byVerdict) {
    }

    @JsonbPropertyOrder({"key", "messages"})
    public record Count(String key, long messages) {
    }
}
