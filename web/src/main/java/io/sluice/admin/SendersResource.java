package io.sluice.admin;

import io.sluice.mailbox.SenderLists;
import io.sluice.manage.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /api/v1/senders}: the logged-in mailbox owner's own sender lists (web.xml admits only the
 * mailbox role). POST {@code {"sender": "news@example.com" or "@example.com", "kind": "ALLOW" or
 * "BLOCK"}} adds or replaces an entry; DELETE {@code /senders/{sender}} removes it.
 */
@Path("/senders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SendersResource {

    /** An entry as it is sent. */
    public record NewEntry(String sender, SenderLists.Kind kind) {
    }

    @Inject
    SenderLists lists;

    @Inject
    Caller caller;

    @Inject
    Audit audit;

    /** All of the owner's entries (at most {@link SenderLists#LIMIT}), as one page. */
    @GET
    public Page<SenderLists.Entry> list() {
        List<SenderLists.Entry> entries = lists.list(caller.name());
        return new Page<>(entries, 0, SenderLists.LIMIT, entries.size());
    }

    @POST
    public SenderLists.Entry put(NewEntry in) {
        SenderLists.Entry e = lists.put(caller.name(), in == null ? null : in.sender(), in == null ? null : in.kind());
        audit.record("put", "sender list of " + caller.name(), null, e);
        return e;
    }

    @DELETE
    @Path("{sender}")
    public Response remove(@PathParam("sender") String sender) {
        lists.remove(caller.name(), sender);
        audit.record("delete", "sender list of " + caller.name() + ": " + sender, null, null);
        return Response.noContent().build();
    }
}
