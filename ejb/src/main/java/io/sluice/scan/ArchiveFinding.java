package io.sluice.scan;

/**
 * Something about an archive that its entries' content does not show: an entry that cannot be
 * read, a broken structure, or zip headers that disagree. Each one means the analysis cannot vouch
 * for the whole archive, so the message is unscannable (see {@link Analysis#unscannable()}).
 * Encrypted entries are not findings: they are {@link Attachment#encrypted() attachments}.
 *
 * @param kind   what is wrong
 * @param path   the archive's path in the message, e.g. "1.2/report.zip"
 * @param name   the entry concerned, as the archive names it ("" for the archive as a whole); for a
 *               {@link Kind#MISMATCH} the name only the local header gives, which filters check too
 * @param detail what the reader said
 */
public record ArchiveFinding(Kind kind, String path, String name, String detail) {

    public enum Kind {
        /** An entry compressed by a method the analysis does not read, or whose data is broken. */
        UNREADABLE,
        /** The archive's structure is broken: what could be read was analysed, the rest is unknown. */
        DAMAGED,
        /**
         * A zip's local headers and central directory disagree (names differ, or an entry is in only
         * one of them): readers that trust one or the other see different files, a known evasion.
         */
        MISMATCH
    }

    /** One line for the verdict: why the message counts as unscannable. */
    public String describe() {
        String where = path + (name.isEmpty() ? "" : " (" + name + ")");
        return switch (kind) {
            case UNREADABLE -> "an archive entry cannot be read: " + where + ": " + detail;
            case DAMAGED -> "a damaged archive: " + where + ": " + detail;
            case MISMATCH -> "zip local headers and central directory disagree: " + where + ": " + detail;
        };
    }
}
