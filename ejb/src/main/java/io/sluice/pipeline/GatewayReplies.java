package io.sluice.pipeline;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;

/** The replies the pipeline makes itself (the others are the downstream's own, passed on). */
final class GatewayReplies {

    static final Reply DOWNSTREAM_UNAVAILABLE = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.NO_ANSWER_FROM_HOST,
            "Error: downstream mail server unavailable, try again later");
    static final Reply DOWNSTREAM_FAILED = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.NO_ANSWER_FROM_HOST,
            "Error: downstream mail server did not complete the transaction, try again later");

    /**
     * The database could not be opened at start (its file is damaged): RFC 5321 §4.2.5's 451, "local
     * error in processing", with RFC 3463's X.3.0 (mail system): the client keeps the message and
     * tries again, and its log says why.
     */
    static final Reply DATABASE_DAMAGED = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the gateway's database is damaged; no mail is accepted until it is repaired, try again later");

    /** The same for AUTH, whose temporary failure is 454 (RFC 4954 §6). */
    static final Reply DATABASE_DAMAGED_AUTH = Reply.of(ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE,
            EnhancedStatus.SYSTEM_ERROR, "Error: the gateway's database is damaged; try again later");

    /** Status for "the next hop refused part of the transaction" (RFC 3463 X.4.0, routing). */
    static final Reply HEADER_TOO_LARGE = Reply.of(ReplyCode.EXCEEDED_STORAGE, EnhancedStatus.MESSAGE_TOO_BIG,
            "Error: message header section too large");
    static final Reply NOT_SCANNED = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the message could not be scanned now, try again later");
    static final Reply NOT_STORED = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the message could not be stored now, try again later");
    static final Reply NOT_REWRITTEN = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: the message could not be processed now, try again later");
    static final String NEXT_HOP_REFUSED = "4.4.0";

    private GatewayReplies() {
    }

    /** RFC 5321 §3.3 lets a server refuse a recipient with 452 so the client sends to it later. */
    static Reply otherPolicy(String recipient) {
        return Reply.of(ReplyCode.INSUFFICIENT_STORAGE, EnhancedStatus.TOO_MANY_RECIPIENTS, "Error: <" + recipient
                + "> is under another policy; send to it in a new transaction");
    }

    /**
     * AUTH from an address that has failed too often lately, refused without asking the mail
     * server: RFC 4954 §6's temporary failure, so a client tries again later rather than asking its
     * user for another password.
     */
    static Reply tooManyAuthFailures(String address) {
        return Reply.of(ReplyCode.TEMPORARY_AUTHENTICATION_FAILURE, EnhancedStatus.TEMPORARY_POLICY,
                "Error: too many authentication failures from " + address + "; try again later");
    }

    /** A 250 that says no more than that the message was taken (also for a message a policy dropped). */
    static Reply queued(String queueId) {
        return Reply.of(ReplyCode.OK, EnhancedStatus.OK, "Ok: queued as " + queueId);
    }

    static Reply queued(String queueId, Reply downstream) {
        return Reply.of(ReplyCode.OK, EnhancedStatus.OK, "Ok: queued as " + queueId + " (downstream: "
                + quote(downstream) + ")");
    }

    /**
     * A recipient the downstream refused at relay time, after we accepted it at RCPT: nothing is
     * delivered and the client retries the whole transaction (one verdict per transaction, never a
     * partial delivery and never a bounce from us).
     */
    static Reply recipientRefusedAtRelay(String recipient, Reply downstream) {
        return Reply.of(ReplyCode.LOCAL_ERROR, NEXT_HOP_REFUSED, "Error: downstream refused <" + recipient + "> ("
                + quote(downstream) + "); nothing was delivered, try again later");
    }

    /** A downstream reply's first line as it was on the wire, for quoting in ours. */
    private static String quote(Reply r) {
        return r.code() + (r.status() != null ? " " + r.status() : "") + " " + r.text();
    }

    /**
     * The downstream's own reply for the client, with an enhanced status from its class if it had
     * none. A 421 becomes 451: the downstream closing its session is no reason to close the client's.
     */
    static Reply passOn(Reply downstream) {
        if (downstream.code() == ReplyCode.SERVICE_NOT_AVAILABLE) {
            return downstream.withCode(ReplyCode.LOCAL_ERROR,
                    downstream.status() != null ? downstream.status() : EnhancedStatus.SYSTEM_NOT_ACCEPTING);
        }
        return downstream.status() != null ? downstream
                : downstream.withCode(downstream.code(), EnhancedStatus.genericFor(downstream.code()));
    }
}
