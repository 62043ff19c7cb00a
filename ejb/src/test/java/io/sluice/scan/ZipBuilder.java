package io.sluice.scan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes zips octet by octet (stored entries, APPNOTE.TXT §4.3), so that a test can make one
 * disagree with itself: encrypted flags, local names that differ from the central directory's,
 * entries only one of them lists. Libraries refuse to write such archives.
 */
public final class ZipBuilder {

    private record Entry(String localName, String centralName, byte[] data, int flags, int method, boolean listed,
                         long forcedOffset) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public ZipBuilder add(String name, byte[] data) {
        entries.add(new Entry(name, name, data, 0, 0, true, -1));
        return this;
    }

    public ZipBuilder add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The encryption flag (general purpose bit 0) in both headers; the data stays as it is. */
    public ZipBuilder encrypted(String name, byte[] data) {
        entries.add(new Entry(name, name, data, 1, 0, true, -1));
        return this;
    }

    /** The local header says one name, the central directory another. */
    public ZipBuilder renamed(String localName, String centralName, byte[] data) {
        entries.add(new Entry(localName, centralName, data, 0, 0, true, -1));
        return this;
    }

    /** A local header and data the central directory does not list. */
    public ZipBuilder unlisted(String name, byte[] data) {
        entries.add(new Entry(name, name, data, 0, 0, false, -1));
        return this;
    }

    /** A central directory record whose local header offset points past the end. */
    public ZipBuilder withoutLocalHeader(String name) {
        entries.add(new Entry(name, name, new byte[0], 0, 0, true, 0x7FFF_0000L));
        return this;
    }

    /** An entry that claims a compression method (the data is stored as it is). */
    public ZipBuilder method(String name, int method, byte[] data) {
        entries.add(new Entry(name, name, data, 0, method, true, -1));
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            if (e.forcedOffset() >= 0) {
                offsets.add(e.forcedOffset());
                continue;
            }
            offsets.add((long) out.size());
            byte[] name = e.localName().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) e.flags()).putShort((short) e.method())
                    .putInt(0).putInt((int) crc(e.data())).putInt(e.data().length).putInt(e.data().length)
                    .putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(e.data());
        }
        long directory = out.size();
        int listed = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!e.listed()) {
                continue;
            }
            listed++;
            byte[] name = e.centralName().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(46 + name.length);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) e.flags())
                    .putShort((short) e.method()).putInt(0).putInt((int) crc(e.data())).putInt(e.data().length)
                    .putInt(e.data().length).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (long) offsets.get(i)).put(name);
            out.writeBytes(h.array());
        }
        long length = out.size() - directory;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) listed)
                .putShort((short) listed).putInt((int) length).putInt((int) directory).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }
}
