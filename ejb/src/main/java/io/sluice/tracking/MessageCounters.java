package io.sluice.tracking;

import io.sluice.api.Reply;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.LongAdder;

/** What the pipeline answered, counted since start; read by the status API. Never on a lock. */
@ApplicationScoped
public class MessageCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder tempFailed = new LongAdder();
    private final LongAdder bytesAccepted = new LongAdder();
    private final LongAdder recipientsAccepted = new LongAdder();
    private final LongAdder recipientsRefused = new LongAdder();

    public void message(Reply reply, long size) {
        if (reply.isPositive()) {
            accepted.increment();
            bytesAccepted.add(size);
        } else if (reply.isTransientFailure()) {
            tempFailed.increment();
        } else {
            rejected.increment();
        }
    }

    public void recipient(Reply reply) {
        (reply.isPositive() ? recipientsAccepted : recipientsRefused).increment();
    }

    public long messagesAccepted() {
        return accepted.sum();
    }

    public long messagesRejected() {
        return rejected.sum();
    }

    public long messagesTempFailed() {
        return tempFailed.sum();
    }

    public long bytesAccepted() {
        return bytesAccepted.sum();
    }

    public long recipientsAccepted() {
        return recipientsAccepted.sum();
    }

    public long recipientsRefused() {
        return recipientsRefused.sum();
    }
}
