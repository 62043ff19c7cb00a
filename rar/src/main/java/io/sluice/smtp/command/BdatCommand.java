package io.sluice.smtp.command;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.api.Transaction;
import io.sluice.smtp.Envelope;
import io.sluice.smtp.Refusal;
import io.sluice.smtp.Replies;
import io.sluice.smtp.Session;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.io.ChunkReader;
import io.sluice.smtp.io.Spool;
import io.sluice.smtp.io.TransferDeadline;

import java.io.IOException;
import java.util.Locale;

/**
 * BDAT (RFC 3030 CHUNKING): the message in chunks of announced size, the last one marked LAST. A
 * chunk is always read, even when it is refused, since the client sends it regardless; the
 * message goes to the listener after the LAST chunk, like after DATA.
 */
public final class BdatCommand implements CommandHandler<BdatCommand.Chunk> {

    /** BDAT's argument: the chunk's size in octets and whether it is the last. */
    public record Chunk(long size, boolean last) {
    }

    @Override
    public Chunk parse(String argument, Session session) throws Refusal {
        String[] f = argument.trim().split(" +");
        long length;
        try {
            length = Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            length = -1;
        }
        boolean last = f.length == 2 && f[1].toUpperCase(Locale.ROOT).equals("LAST");
        if (length < 0 || f.length > 2 || f.length == 2 && !last) {
            // the size is unknown, so the chunk cannot be skipped: the session cannot go on
            throw new Refusal(Replies.syntax("BDAT chunk-size [LAST]"), true);
        }
        return new Chunk(length, last);
    }

    @Override
    public void refused(Session session, Chunk chunk) throws IOException {
        SmtpSettings settings = session.settings();
        session.setReadTimeout(settings.dataBlockTimeout());
        session.input().skipExactly(chunk.size(), TransferDeadline.after(settings.ticker(), settings.dataTotalTimeout()));
    }

    @Override
    public void handle(Session session, Chunk chunk) throws IOException {
        SmtpSettings settings = session.settings();
        session.setReadTimeout(settings.dataBlockTimeout());
        Envelope envelope = session.envelope();
        ChunkReader chunks = envelope.chunks();
        if (chunks == null) {
            chunks = envelope.startChunking(settings);
        }
        Spool spool = envelope.spool();
        chunks.read(session.input(), chunk.size(), spool);
        if (!chunk.last()) {
            session.reply(Reply.of(ReplyCode.OK, EnhancedStatus.OK, "Ok: " + chunk.size() + " octets received"));
            return;
        }
        Transaction transaction = session.transaction();
        try {
            EndOfMessage.deliver(session, transaction, spool, chunks.finish());
        } finally {
            session.endTransaction();
        }
    }
}
