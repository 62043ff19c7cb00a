package io.sluice.admin;

import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import io.sluice.manage.Violation;
import io.sluice.quarantine.QuarantineQuery;
import io.sluice.quarantine.QuarantineService;
import io.sluice.quarantine.QuarantineState;
import io.sluice.quarantine.QuarantineView;
import io.sluice.quarantine.QuarantinedMessage;
import io.sluice.quarantine.ReleaseUncertain;
import io.sluice.quarantine.StoredMessage;
import io.sluice.security.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/quarantine}: search held messages, look at one safely (decoded headers and plain
 * text, never its HTML or attachments), download it as .eml, release it (exactly once; optionally
 * teaching the Bayes classifier it was ham), delete it; and the same in bulk for a search. A release
 * that may have reached the mail server without an answer (502, state RELEASE_UNCERTAIN) is settled
 * by marking it released, releasing it again with {@code again=true}, or deleting it.
 *
 * <p>A domain administrator or mailbox owner sees and acts on the messages held for recipients
 * within their scope only, and only as far as those recipients go: a release goes to them alone,
 * a delete takes the message from them alone, and other recipients are not shown. A message held
 * for no one within the scope answers 404 as if it did not exist.
 */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    private static final String QUEUE_ID = "{queueId: [A-Za-z0-9]{1,32}}";

    @Inject
    QuarantineService quarantine;

    @Inject
    Audit audit;

    @Inject
    Caller caller;

    /** The search filters, as query parameters. */
    public static class Filter {
        @QueryParam("sender")
        String sender;
        @QueryParam("recipient")
        String recipient;
        @QueryParam("subject")
        String subject;
        @QueryParam("reason")
        String reason;
        @QueryParam("policy")
        String policy;
        @QueryParam("state")
        String state;
        @QueryParam("from")
        String from;
        @QueryParam("until")
        String until;

        /** The filters given, as the audit log names the messages they matched. */
        String describe() {
            StringBuilder sb = new StringBuilder();
            String[][] given = {{"sender", sender}, {"recipient", recipient}, {"subject", subject}, {"reason", reason},
                    {"policy", policy}, {"state", state}, {"from", from}, {"until", until}};
            for (String[] g : given) {
                if (g[1] != null && !g[1].isBlank()) {
                    sb.append(sb.length() > 0 ? " " : "").append(g[0]).append('=').append(g[1].trim());
                }
            }
            return sb.length() == 0 ? "(everything)" : sb.toString();
        }

        QuarantineQuery query(Scope scope) {
            return new QuarantineQuery(sender, recipient, subject, reason, policy, state(), TimeParam.parse("from", from),
                    TimeParam.parse("until", until), scope);
        }

        private QuarantineState state() {
            if (state == null || state.isBlank()) {
                return null;
            }
            try {
                return QuarantineState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = Arrays.stream(QuarantineState.values()).map(Enum::name).toList();
                String last = names.get(names.size() - 1);
                throw new ManageException.InvalidInput(List.of(new Violation("state", "must be "
                        + String.join(", ", names.subList(0, names.size() - 1)) + " or " + last)));
            }
        }
    }

    @GET
    public Page<QuarantinedMessage> search(@BeanParam Filter filter, @QueryParam("page") String page,
                                           @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return quarantine.search(filter.query(caller.scope()), p.page(), p.size());
    }

    @GET
    @Path(QUEUE_ID)
    public QuarantinedMessage get(@PathParam("queueId") String queueId) {
        return quarantine.get(queueId, caller.scope());
    }

    @GET
    @Path(QUEUE_ID + "/view")
    public QuarantineView view(@PathParam("queueId") String queueId) throws IOException {
        return quarantine.view(queueId, caller.scope());
    }

    /** The raw message as an attachment named after its queue id. */
    @GET
    @Path(QUEUE_ID + "/raw")
    @Produces("message/rfc822")
    public Response raw(@PathParam("queueId") String queueId) {
        StoredMessage message = quarantine.raw(queueId, caller.scope());
        StreamingOutput body = message::writeTo;
        return Response.ok(body, "message/rfc822").header("Content-Length", message.size())
                .header("Content-Disposition", "attachment; filename=\"" + queueId + ".eml\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * Releases the message; {@code again=true} releases one whose last release is uncertain, knowing
     * the mail server may have it already. When the message went out and no answer came the reply
     * is 502 and the message is RELEASE_UNCERTAIN.
     */
    @POST
    @Path(QUEUE_ID + "/release")
    public Response release(@PathParam("queueId") String queueId, @QueryParam("learn") String learn,
                            @QueryParam("again") String again) {
        boolean learnAsHam = learnAsHam(learn);
        boolean knowingly = flag("again", again);
        try {
            QuarantineService.Released released = quarantine.release(queueId, learnAsHam, caller.name(), knowingly,
                    caller.scope());
            audit.record(knowingly ? "release-again" : "release", "quarantine " + queueId, null, released);
            return Response.ok(released).build();
        } catch (ReleaseUncertain e) {
            return Problem.of("urn:sluice:problem:release-uncertain", Response.Status.BAD_GATEWAY, "Release uncertain",
                    e.getMessage(), null).toResponse();
        }
    }

    /** The mail server's log shows the message of an uncertain release: it counts as released, never sent again. */
    @POST
    @Path(QUEUE_ID + "/mark-released")
    public QuarantinedMessage markReleased(@PathParam("queueId") String queueId) {
        if (!caller.scope().everything()) {
            throw new ManageException.Forbidden("only an administrator may mark a release as done");
        }
        QuarantinedMessage m = quarantine.markReleased(queueId, caller.name());
        audit.record("mark-released", "quarantine " + queueId, null, m);
        return m;
    }

    @DELETE
    @Path(QUEUE_ID)
    public Response delete(@PathParam("queueId") String queueId) {
        quarantine.delete(queueId, caller.scope());
        audit.record("delete", "quarantine " + queueId, null, null);
        return Response.noContent().build();
    }

    /** Releases every held message the filters match (at most 1000 per call). */
    @POST
    @Path("release")
    public QuarantineService.Bulk releaseAll(@BeanParam Filter filter, @QueryParam("learn") String learn) {
        QuarantineService.Bulk done = quarantine.releaseAll(filter.query(caller.scope()), learnAsHam(learn),
                caller.name());
        audit.record("release", "quarantine matching " + filter.describe(), null, done);
        return done;
    }

    /** Deletes every message the filters match (at most 1000 per call). */
    @POST
    @Path("delete")
    public QuarantineService.Bulk deleteAll(@BeanParam Filter filter) {
        QuarantineService.Bulk done = quarantine.deleteAll(filter.query(caller.scope()));
        audit.record("delete", "quarantine matching " + filter.describe(), null, done);
        return done;
    }

    private static boolean learnAsHam(String learn) {
        if (learn == null || learn.isBlank() || learn.equals("false")) {
            return false;
        }
        if (learn.equals("ham") || learn.equals("true")) {
            return true;
        }
        throw new ManageException.InvalidInput(List.of(new Violation("learn", "must be ham (or true) or false")));
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ManageException.InvalidInput(List.of(new Violation(name, "must be true or false")));
    }
}
