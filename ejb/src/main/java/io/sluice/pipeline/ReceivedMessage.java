package io.sluice.pipeline;

import io.sluice.api.MessageContent;
import io.sluice.api.Transaction;
import io.sluice.policy.MessageFacts;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.Arrays;
import java.util.List;

/**
 * One message at the end of data, as the policy's rules see it. The header section is read and
 * parsed only if a rule or a header change needs it.
 */
final class ReceivedMessage implements MessageFacts {

    private final Transaction transaction;
    private final MessageContent content;
    private HeaderSection section;
    private InternetHeaders headers;

    ReceivedMessage(Transaction transaction, MessageContent content) {
        this.transaction = transaction;
        this.content = content;
    }

    MessageContent content() {
        return content;
    }

    HeaderSection section() {
        if (section == null) {
            try {
                section = HeaderSection.read(content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled message", e);
            }
        }
        return section;
    }

    /** The parsed header; changes made to it show in what is relayed. */
    InternetHeaders headers() {
        if (headers == null) {
            headers = section().parse();
        }
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
        String[] values = headers().getHeader(name);
        return values == null ? List.of() : Arrays.stream(values).map(MimeUtility::unfold).toList();
    }

    @Override
    public String subject() {
        String raw = headers().getHeader("Subject", null);
        if (raw == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (UnsupportedEncodingException e) {
            return MimeUtility.unfold(raw);
        }
    }
}
