package io.sluice.admin;

import io.sluice.manage.Page;
import io.sluice.notify.TemplateData;
import io.sluice.notify.TemplateService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/templates}: the notification texts, by name. {@code PUT} creates a template or,
 * with its version (If-Match or in the body), changes it; the built-in ones cannot be deleted.
 */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    private static final String NAME = "{name: [a-z0-9][a-z0-9-]{0,99}}";

    @Inject
    TemplateService templates;

    @Inject
    Audit audit;

    @Context
    HttpHeaders headers;

    @GET
    public Page<TemplateData> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return templates.list(p.page(), p.size());
    }

    @GET
    @Path(NAME)
    public Response get(@PathParam("name") String name) {
        TemplateData t = templates.get(name);
        return Responses.ok(t, t.version());
    }

    @PUT
    @Path(NAME)
    public Response put(@PathParam("name") String name, TemplateData in) {
        Long ifMatch = Expected.optional(headers);
        Long expected = ifMatch != null ? ifMatch : in == null ? null : in.version();
        Expected how = new Expected(expected == null ? -1 : expected, ifMatch != null);
        TemplateData before = templates.lookup(name).orElse(null);
        TemplateData t = how.apply(() -> templates.put(name, in, expected));
        audit.record(before == null ? "create" : "update", "template " + name, before, t);
        return Responses.ok(t, t.version());
    }

    /** The template in the body (a draft of this one) as it would read, filled with example values; nothing is stored. */
    @POST
    @Path(NAME + "/preview")
    public TemplateData preview(@PathParam("name") String name, TemplateData in) {
        return templates.preview(name, in);
    }

    @DELETE
    @Path(NAME)
    public Response delete(@PathParam("name") String name) {
        TemplateData before = templates.get(name);
        templates.delete(name, Expected.optional(headers));
        audit.record("delete", "template " + name, before, null);
        return Response.noContent().build();
    }
}
