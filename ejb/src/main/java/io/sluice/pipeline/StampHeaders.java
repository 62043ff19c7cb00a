package io.sluice.pipeline;

import java.time.ZonedDateTime;
import java.util.Arrays;

/** The Received: trace field and the verdict fields that go in front of every copy that leaves. */
final class StampHeaders implements EndOfDataStep {

    @Override
    public void apply(EndOfData m) {
        byte[] trace = TraceHeaders.build(m.tx, ZonedDateTime.now());
        byte[] verdict = VerdictHeaders.build(m.settings, m.message.scan(), m.policy);
        m.prefix = Arrays.copyOf(trace, trace.length + verdict.length);
        System.arraycopy(verdict, 0, m.prefix, trace.length, verdict.length);
    }
}
