package io.sluice.quarantine;

import io.sluice.api.MessageContent;
import io.sluice.api.MessageSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The octets of a quarantined message, read from the database one chunk at a time (each chunk
 * with its own short query), so that relaying or downloading a large message stays small in memory.
 */
public final class StoredMessage implements MessageContent, MessageSource {

    private final DataSource dataSource;
    private final String queueId;
    private final long size;

    StoredMessage(DataSource dataSource, String queueId, long size) {
        this.dataSource = dataSource;
        this.queueId = queueId;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Path file() {
        return null;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = openStream()) {
            in.transferTo(out);
        }
    }

    @Override
    public InputStream openStream() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;
            private int seq;
            private boolean end;

            @Override
            public int read() throws IOException {
                return fill() ? chunk[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }

            private boolean fill() throws IOException {
                while (pos == chunk.length) {
                    if (end) {
                        return false;
                    }
                    byte[] next = chunk(seq++);
                    if (next == null) {
                        end = true;
                        return false;
                    }
                    chunk = next;
                    pos = 0;
                }
                return true;
            }
        };
    }

    private byte[] chunk(int seq) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT data FROM quarantine_chunk WHERE queue_id = ? AND seq = ?")) {
            s.setString(1, queueId);
            s.setInt(2, seq);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("reading " + queueId + " from quarantine: " + e.getMessage(), e);
        }
    }
}
