package io.sluice.pipeline;

import io.sluice.api.Decision;

/** RCPT step: the mail server's own answer about the recipient ({@link RecipientVerifier}); it always decides. */
final class VerifyRecipient implements PhaseStep<RcptPhase.Rcpt> {

    private final RecipientVerifier verifier;

    VerifyRecipient(RecipientVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Decision apply(RcptPhase.Rcpt r) {
        return Decision.of(verifier.verify(r.tx(), r.recipient().address()));
    }
}
