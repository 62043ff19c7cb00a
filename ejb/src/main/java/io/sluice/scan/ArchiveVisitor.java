package io.sluice.scan;

import io.sluice.mime.LimitExceeded;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * What an archive reader tells the analysis, entry by entry in the archive's own order. A reader
 * carries on past an entry it cannot read: one encrypted or broken entry never hides the next.
 * Readers pass {@link LimitExceeded} through untouched.
 */
interface ArchiveVisitor {

    /**
     * A readable entry. The analysis reads {@code content} as far as it wants before this returns;
     * the reader must not close it.
     *
     * @param name       the entry's name as the archive gives it (may contain directories), or ""
     * @param compressed the compressed octets behind what the entry has expanded to so far (for
     *                   the expansion ratio limit)
     */
    void entry(String name, InputStream content, LongSupplier compressed) throws IOException;

    /** An entry whose content is encrypted; {@code name} is "" when the names are encrypted too. */
    void encrypted(String name);

    /** An entry that cannot be read, a broken archive, or headers that disagree. */
    void finding(ArchiveFinding.Kind kind, String name, String detail);

    /** How many more entries the analysis may look at; a reader may stop counting past it. */
    int room();

    /** The archive lists more entries than {@link #room()}: throws {@link LimitExceeded}. */
    void tooMany();
}
