package io.sluice.admin;

import io.sluice.audit.AuditEntry;
import io.sluice.audit.AuditLog;
import io.sluice.audit.AuditQuery;
import io.sluice.manage.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/audit}: every change made through the admin API or the console, newest first;
 * searchable by user, action, target (contains) and time ({@code from} inclusive, {@code until}
 * exclusive, ISO-8601 instants).
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    public Page<AuditEntry> search(@QueryParam("user") String user, @QueryParam("action") String action,
                                   @QueryParam("target") String target, @QueryParam("from") String from,
                                   @QueryParam("until") String until, @QueryParam("page") String page,
                                   @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return audit.search(new AuditQuery(user, action, target, TimeParam.parse("from", from),
                TimeParam.parse("until", until)), p.page(), p.size());
    }
}
