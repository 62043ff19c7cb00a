package io.sluice.scan.spam;

import io.sluice.policy.MessageFacts;
import io.sluice.scan.MessageHeaders;

import java.util.List;

/** The facts of a message that arrived through the admin API rather than SMTP: its header and size. */
final class HeaderFacts implements MessageFacts {

    private final MessageHeaders headers;
    private final long size;

    HeaderFacts(MessageHeaders headers, long size) {
        this.headers = headers;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String clientAddress() {
        return "";
    }

    @Override
    public boolean authenticated() {
        return false;
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
