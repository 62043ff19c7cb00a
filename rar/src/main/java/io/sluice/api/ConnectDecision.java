package io.sluice.api;

import java.io.Serializable;

/**
 * What the gateway decides about a new connection, before the greeting.
 *
 * @param refusal          the reply that refuses the connection (421, 554), or {@code null} to accept it
 * @param greetPauseMillis how long to wait before the greeting; a client that talks meanwhile is
 *                         refused as an early talker (0: no pause)
 * @param maxErrors        failed commands after which the session is closed (0: no limit)
 * @param errorDelayMillis how long the last of them waits before the session is closed
 * @param smtpUtf8         whether SMTPUTF8 (RFC 6531) can be offered: the mail server behind takes it
 * @param binaryMime       whether BINARYMIME (RFC 3030) can be offered: the mail server takes it and BDAT
 */
public record ConnectDecision(Reply refusal, long greetPauseMillis, int maxErrors, long errorDelayMillis,
                              boolean smtpUtf8, boolean binaryMime) implements Serializable {

    public static final ConnectDecision ACCEPT = new ConnectDecision(null, 0, 0, 0, false, false);

    public ConnectDecision(Reply refusal, long greetPauseMillis, int maxErrors, long errorDelayMillis) {
        this(refusal, greetPauseMillis, maxErrors, errorDelayMillis, false, false);
    }

    public static ConnectDecision refuse(Reply reply) {
        return new ConnectDecision(reply, 0, 0, 0);
    }
}
