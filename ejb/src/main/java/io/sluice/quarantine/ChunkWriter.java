package io.sluice.quarantine;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes a message into quarantine_chunk rows of at most {@link #CHUNK} octets, so that storing a
 * large message never needs more than one chunk in memory.
 */
final class ChunkWriter extends OutputStream {

    static final int CHUNK = 256 * 1024;

    private final PreparedStatement insert;
    private final String queueId;
    private final byte[] buffer = new byte[CHUNK];
    private int filled;
    private int seq;
    private long total;

    ChunkWriter(Connection connection, String queueId) throws SQLException {
        this.insert = connection.prepareStatement("INSERT INTO quarantine_chunk (queue_id, seq, data) VALUES (?, ?, ?)");
        this.queueId = queueId;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == CHUNK) {
            writeChunk();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == CHUNK) {
                writeChunk();
            }
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Writes what is buffered; returns the total size written. */
    long finish() throws IOException {
        if (filled > 0 || seq == 0) {
            writeChunk();
        }
        try {
            insert.close();
        } catch (SQLException e) {
            throw new IOException(e);
        }
        return total;
    }

    private void writeChunk() throws IOException {
        try {
            insert.setString(1, queueId);
            insert.setInt(2, seq++);
            insert.setBytes(3, filled == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, filled));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("storing " + queueId + " in quarantine: " + e.getMessage(), e);
        }
        total += filled;
        filled = 0;
    }
}
