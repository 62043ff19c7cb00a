package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.Transaction;
import io.sluice.policy.MessageFacts;
import io.sluice.scan.MessageHeaders;

import java.util.List;

/**
 * One message at the end of data, as the policy's rules see it. The header section is read and
 * parsed only if a rule or a header change needs it.
 */
final class ReceivedMessage implements MessageFacts {

    private final Transaction transaction;
    private final MessageContent content;
    private final MessageHeaders headers;

    ReceivedMessage(Transaction transaction, MessageContent content) {
        this.transaction = transaction;
        this.content = content;
        this.headers = new MessageHeaders(content);
    }

    MessageContent content() {
        return content;
    }

    MessageHeaders headers() {
        return headers;
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public String clientAddress() {
        return transaction.client().address();
    }

    @Override
    public boolean authenticated() {
        return false; // SMTP AUTH is not offered yet
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.values(name);
    }

    @Override
    public String subject() {
        return headers.subject();
    }
}
