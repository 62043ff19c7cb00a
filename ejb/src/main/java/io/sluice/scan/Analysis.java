package io.sluice.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * What one pass over a message found: its attachments and archive members, its text, the viruses
 * the embedded engine matched, what is wrong with its archives, and whether the analysis could not
 * vouch for all of its content.
 *
 * @param attachments every non-text leaf and archive member (encrypted ones too), in order
 * @param texts       the text parts, decoded
 * @param viruses     what the embedded signatures matched
 * @param findings    archives that are damaged, have entries that cannot be read, or zip headers
 *                    that disagree
 * @param unscannable why the message could not be analysed completely (a limit, or else the first
 *                    finding), or {@code null}
 * @param malformed   the MIME structure was broken; what could be read was analysed
 * @param parts       how many leaves were looked at
 */
public record Analysis(List<Attachment> attachments, List<TextPart> texts, List<VirusHit> viruses,
                       List<ArchiveFinding> findings, String unscannable, boolean malformed, int parts) {

    public Analysis {
        attachments = List.copyOf(attachments);
        texts = List.copyOf(texts);
        viruses = List.copyOf(viruses);
        findings = List.copyOf(findings);
        if (unscannable == null && !findings.isEmpty()) {
            unscannable = findings.get(0).describe();
        }
    }

    /** File names of the attachments and archive entries, and those only a zip's local headers give. */
    public List<String> names() {
        List<String> names = new ArrayList<>(attachments.size());
        for (Attachment a : attachments) {
            names.add(a.name());
        }
        for (ArchiveFinding f : findings) {
            if (f.kind() == ArchiveFinding.Kind.MISMATCH || f.kind() == ArchiveFinding.Kind.UNREADABLE) {
                names.add(Archives.baseName(f.name()));
            }
        }
        return names;
    }

    /** Whether an archive has an encrypted entry (or encrypted names). */
    public boolean encryptedArchive() {
        return attachments.stream().anyMatch(Attachment::encrypted);
    }
}
