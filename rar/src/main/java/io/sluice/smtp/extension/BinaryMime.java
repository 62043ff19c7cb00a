package io.sluice.smtp.extension;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.MailParameters;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.smtp.Replies;

/**
 * BINARYMIME (RFC 3030 §3): offered while the mail server behind takes it with CHUNKING, since a
 * binary message can only be passed on as it is. Its BODY value belongs to {@link EightBitMime}.
 */
final class BinaryMime implements Extension {

    static final String KEYWORD = "BINARYMIME";
    private static final Reply NOT_TAKEN = Reply.of(ReplyCode.TRANSACTION_FAILED,
            EnhancedStatus.CONVERSION_NOT_SUPPORTED, "the mail server does not take binary MIME messages");

    @Override
    public String keyword() {
        return KEYWORD;
    }

    @Override
    public boolean offered(SessionView session) {
        return session.mailServerOffers(KEYWORD) && session.mailServerOffers("CHUNKING");
    }

    /** RFC 3030 §3: a binary message cannot be sent with DATA, only with BDAT. */
    @Override
    public Reply refuseData(MailParameters parameters) {
        return parameters.isBinary() ? Replies.BINARYMIME_NEEDS_BDAT : null;
    }

    @Override
    public Reply unfitForRelay(MailParameters parameters, RelayView relay) {
        return parameters.isBinary() && !(relay.offers(KEYWORD) && relay.offers("CHUNKING")) ? NOT_TAKEN : null;
    }
}
