package io.sluice.mime;

import io.sluice.config.ScanLimits;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;

/**
 * The one walk over a message's MIME tree, for the analysis and the rewriter alike, so that a
 * filter and an action on attachments see the same parts. It enters multiparts and attached
 * messages (message/rfc822, named or not: a forwarded message's attachments are attachments too)
 * and hands every other part to the visitor as a leaf, in the order of the message, within the
 * depth and part limits of {@link ScanLimits}: past one it throws {@link LimitExceeded}.
 *
 * <p>One instance serves one message: it counts the parts, and whoever reads further into a leaf
 * (the analysis opening archives) counts its members here too.
 */
public final class MimeWalker {

    /** What the walk finds, in the order of the message. */
    public interface Visitor {

        /** A part that is not entered: an attachment, a text, or a multipart that cannot be read. */
        void leaf(MimeNode leaf) throws MessagingException, IOException;

        /** Whether to enter this multipart (a signed one, say, may be left whole); yes by default. */
        default boolean enter(MimeNode multipart) {
            return true;
        }

        /** A multipart whose parts cannot be had; it is handed on as a leaf next. */
        default void unreadable(MimeNode multipart) {
        }
    }

    private final ScanLimits limits;
    private int parts;

    public MimeWalker(ScanLimits limits) {
        this.limits = limits;
    }

    /**
     * Walks the message. Jakarta Mail's parse errors (a multipart without its boundary, say) and
     * the visitor's own exceptions end the walk and are thrown on.
     */
    public void walk(Part message, Visitor visitor) throws MessagingException, IOException {
        node(MimeNode.root(message), visitor);
    }

    private void node(MimeNode node, Visitor visitor) throws MessagingException, IOException {
        if (node.depth() > limits.maxDepth()) {
            throw new LimitExceeded("nested deeper than " + limits.maxDepth() + " levels");
        }
        Part p = node.part();
        if (p.isMimeType("multipart/*")) {
            if (!visitor.enter(node)) {
                return;
            }
            Object content;
            try {
                content = p.getContent();
            } catch (MessagingException | IOException e) {
                visitor.unreadable(node);
                content = null;
            }
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    node(node.child(mp.getBodyPart(i), i), visitor);
                }
                return;
            }
        } else if (p.isMimeType("message/rfc822")) {
            if (p.getContent() instanceof MimeMessage attached) {
                node(node.attached(attached), visitor);
                return;
            }
        }
        count();
        visitor.leaf(node);
    }

    /** One more part or archive member; past the limit, {@link LimitExceeded}. */
    public void count() {
        if (parts >= limits.maxParts()) {
            throw new LimitExceeded("more than " + limits.maxParts() + " parts and archive members");
        }
        parts++;
    }

    /** The parts and archive members counted so far. */
    public int parts() {
        return parts;
    }

    /** How many more may be counted. */
    public int room() {
        return Math.max(0, limits.maxParts() - parts);
    }

    /** The limits this walk keeps to. */
    public ScanLimits limits() {
        return limits;
    }
}
