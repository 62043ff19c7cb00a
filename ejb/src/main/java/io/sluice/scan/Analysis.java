package io.sluice.scan;

import java.util.List;

/**
 * What one pass over a message found: its attachments and archive members, its text, the viruses
 * the embedded engine matched, and whether the analysis had to stop at a limit.
 *
 * @param attachments every non-text leaf and archive member, in order
 * @param texts       the text parts, decoded
 * @param viruses     what the embedded signatures matched
 * @param unscannable why the message could not be analysed completely (a limit), or {@code null}
 * @param malformed   the MIME structure was broken; what could be read was analysed
 * @param parts       how many leaves were looked at
 */
public record Analysis(List<Attachment> attachments, List<TextPart> texts, List<VirusHit> viruses,
                       String unscannable, boolean malformed, int parts) {

    public Analysis {
        attachments = List.copyOf(attachments);
        texts = List.copyOf(texts);
        viruses = List.copyOf(viruses);
    }
}
