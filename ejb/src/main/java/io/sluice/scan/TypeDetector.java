package io.sluice.scan;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a part's content looks like, by its magic numbers (Apache Tika's MIME type registry), not
 * by its name or declared type: a renamed executable is still an executable.
 */
public final class TypeDetector {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    /** How many octets detection may read; the stream must support mark/reset that far. */
    public static final int READ_LIMIT = Math.max(64 * 1024, TYPES.getMinLength());

    private TypeDetector() {
    }

    /** Detects and resets the stream to where it was. */
    public static String detect(InputStream markable) throws IOException {
        MediaType type = TYPES.detect(markable, new Metadata());
        return type.getBaseType().toString();
    }
}
