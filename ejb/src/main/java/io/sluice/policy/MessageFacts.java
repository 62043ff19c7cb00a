package io.sluice.policy;

import java.util.List;

/**
 * What rule filters look at in one message. Implementations read the message lazily: a filter that
 * needs no headers costs no parsing.
 */
public interface MessageFacts {

    /** Size of the message as received, in octets. */
    long size();

    /** The client's IP address as text. */
    String clientAddress();

    /** Whether the client authenticated with SMTP AUTH. */
    boolean authenticated();

    /** The values of every field called {@code name} in the top-level header, unfolded, undecoded. */
    List<String> headerValues(String name);

    /** The Subject, decoded from RFC 2047 encoded words; empty when there is none. */
    String subject();
}
