package io.sluice.scan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipException;

/**
 * A zip's two descriptions of itself compared (APPNOTE.TXT §4.3): the central directory at its end,
 * which {@code ZipFile} and most unpackers trust, and the local header before each entry's data,
 * which streaming readers trust. Crafted archives make them disagree so that a scanner and the
 * recipient's unpacker see different files; every disagreement is reported. The directory is
 * walked here first, counting entries, so an archive listing millions of them is refused before
 * any library builds an object per entry.
 */
final class ZipLayout {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final int END64 = 0x06064b50;
    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final int MAX_END_SEARCH = 22 + 0xFFFF; // the end record and the longest comment

    /** A disagreement: the name concerned, and what is wrong. */
    record Mismatch(String name, String detail) {
    }

    /** One central directory record, as far as the comparison needs it. */
    private record Central(byte[] name, long local, long compressed) {
    }

    private final SeekableByteChannel ch;
    private final long size;
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<Long> hidden = new ArrayList<>();
    private final int maxFiles;
    private boolean tooMany;

    private ZipLayout(SeekableByteChannel ch, int maxFiles) throws IOException {
        this.ch = ch;
        this.size = ch.size();
        this.maxFiles = maxFiles;
    }

    /**
     * Reads and compares.
     *
     * @param maxFiles stop (and report {@link #tooMany()}) past this many entries that are not directories
     * @throws IOException no usable central directory: the archive is damaged
     */
    static ZipLayout read(SeekableByteChannel ch, int maxFiles) throws IOException {
        ZipLayout layout = new ZipLayout(ch, maxFiles);
        layout.compare();
        return layout;
    }

    /** Local headers and central directory records that disagree. */
    List<Mismatch> mismatches() {
        return mismatches;
    }

    /** Offsets of local headers the central directory does not list. */
    List<Long> hidden() {
        return hidden;
    }

    /** The central directory lists (or the gaps hide) more entries than were allowed. */
    boolean tooMany() {
        return tooMany;
    }

    private void compare() throws IOException {
        long end = findEnd();
        ByteBuffer e = read(end, 22);
        long prefix = 0; // octets before the archive, e.g. a self-extractor's program
        long start;
        if (end >= 20 && read(end - 20, 4).getInt(0) == END64_LOCATOR) {
            ByteBuffer r = read(read(end - 20, 20).getLong(8), 56);
            if (r.getInt(0) != END64) {
                throw new ZipException("the zip64 end of central directory record is missing");
            }
            start = r.getLong(48);
        } else {
            long length = u32(e, 12);
            long offset = u32(e, 16);
            prefix = Math.max(end - length - offset, 0);
            start = offset + prefix;
        }
        List<Central> entries = directory(start, prefix);
        if (!tooMany) {
            locals(entries, start);
        }
    }

    /** The end of central directory record: the last one in the final 64 KiB (as ZipFile finds it). */
    private long findEnd() throws IOException {
        long from = Math.max(0, size - MAX_END_SEARCH);
        ByteBuffer tail = read(from, (int) (size - from));
        for (int i = tail.limit() - 22; i >= 0; i--) {
            if (tail.getInt(i) == END) {
                return from + i;
            }
        }
        throw new ZipException("no end of central directory record");
    }

    private List<Central> directory(long start, long prefix) throws IOException {
        List<Central> entries = new ArrayList<>();
        int files = 0;
        for (long pos = start; pos + 46 <= size; ) {
            ByteBuffer h = read(pos, 46);
            if (h.getInt(0) != CENTRAL) {
                break;
            }
            int nameLength = u16(h, 28);
            int extraLength = u16(h, 30);
            byte[] name = bytes(pos + 46, nameLength);
            long compressed = u32(h, 20);
            long local = u32(h, 42);
            if (compressed == MAX_32 || local == MAX_32) {
                long[] z64 = zip64(bytes(pos + 46 + nameLength, extraLength), u32(h, 24) == MAX_32, compressed == MAX_32,
                        local == MAX_32);
                compressed = z64[0] < 0 ? compressed : z64[0];
                local = z64[1] < 0 ? local : z64[1];
            }
            entries.add(new Central(name, local + prefix, compressed));
            boolean directory = nameLength > 0 && name[nameLength - 1] == '/';
            if (!directory && ++files > maxFiles || entries.size() > 10L * maxFiles + 10) {
                tooMany = true;
                break;
            }
            pos += 46L + nameLength + extraLength + u16(h, 32);
        }
        return entries;
    }

    /** Compressed size and local header offset from a zip64 extra field (-1: not there). */
    private static long[] zip64(byte[] extra, boolean hasSize, boolean hasCompressed, boolean hasOffset) {
        ByteBuffer b = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) {
            int id = u16(b, b.position());
            int length = u16(b, b.position() + 2);
            int at = b.position() + 4;
            if (id == 1 && at + length <= b.limit()) {
                at += hasSize ? 8 : 0;
                long compressed = hasCompressed && at + 8 <= b.limit() ? b.getLong(at) : -1;
                at += hasCompressed ? 8 : 0;
                long offset = hasOffset && at + 8 <= b.limit() ? b.getLong(at) : -1;
                return new long[] {compressed, offset};
            }
            b.position(Math.min(b.limit(), at + length));
        }
        return new long[] {-1, -1};
    }

    /** Each listed entry's local header, then the gaps between entries for headers nobody lists. */
    private void locals(List<Central> entries, long directoryStart) throws IOException {
        List<Central> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Central::local));
        // a streaming reader starts at the first octet; a self-extractor's program comes before the zip
        long covered = size >= 4 && read(0, 4).getInt(0) == LOCAL ? 0
                : byOffset.isEmpty() ? directoryStart : byOffset.get(0).local();
        for (Central c : byOffset) {
            if (c.local() > covered) {
                searchGap(covered, Math.min(c.local(), directoryStart));
            }
            if (c.local() < 0 || c.local() + 30 > size || read(c.local(), 4).getInt(0) != LOCAL) {
                mismatches.add(new Mismatch(name(c.name()), "listed in the central directory, with no local header"));
                continue;
            }
            ByteBuffer l = read(c.local(), 30);
            byte[] localName = bytes(c.local() + 30, u16(l, 26));
            if (!Arrays.equals(localName, c.name())) {
                mismatches.add(new Mismatch(name(localName), "the local header names it " + name(localName)
                        + ", the central directory " + name(c.name())));
            }
            covered = Math.max(covered, c.local() + 30 + u16(l, 26) + u16(l, 28) + c.compressed());
        }
        if (covered < directoryStart) {
            searchGap(covered, directoryStart);
        }
    }

    /** Local header signatures where none should be (between entries, only data descriptors are). */
    private void searchGap(long from, long to) throws IOException {
        long pos = from;
        while (pos + 30 <= to && !tooMany) {
            int n = (int) Math.min(64 * 1024, to - pos);
            ByteBuffer b = read(pos, n);
            int found = -1;
            for (int i = 0; i + 4 <= n; i++) {
                if (b.getInt(i) == LOCAL) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                pos += Math.max(1, n - 3);
                continue;
            }
            long at = pos + found;
            if (at + 30 > size) {
                return;
            }
            ByteBuffer l = read(at, 30);
            byte[] name = bytes(at + 30, u16(l, 26));
            hidden.add(at);
            tooMany = hidden.size() > maxFiles;
            mismatches.add(new Mismatch(name(name), "a local header at offset " + at
                    + " that the central directory does not list"));
            boolean sizesKnown = (u16(l, 6) & 8) == 0;
            pos = sizesKnown ? at + 30 + u16(l, 26) + u16(l, 28) + u32(l, 18) : at + 4;
        }
    }

    private ByteBuffer read(long at, int length) throws IOException {
        if (at < 0 || at + length > size) {
            throw new EOFException("the zip refers to octets past its end");
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(at);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException("the zip ends early");
            }
        }
        return b.flip();
    }

    private byte[] bytes(long at, int length) throws IOException {
        return read(at, length).array();
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & MAX_32;
    }

    /** Zip names are UTF-8 or CP437; for reporting and filters UTF-8 will do (ASCII reads the same). */
    private static String name(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
