package io.sluice.admin;

import io.sluice.manage.DomainData;
import io.sluice.manage.DomainService;
import io.sluice.manage.Page;
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
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/internal-domains}: the organisation's domains (mail from them is outbound). */
@Path("/internal-domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainsResource {

    @Inject
    DomainService domains;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Page<DomainData> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return domains.list(p.page(), p.size());
    }

    @GET
    @Path("{id: \\d+}")
    public Response get(@PathParam("id") long id) {
        DomainData d = domains.get(id);
        return Responses.ok(d, d.version());
    }

    @POST
    public Response create(DomainData in) {
        DomainData d = domains.create(in);
        return Responses.created(uri.getAbsolutePathBuilder().path(Long.toString(d.id())).build(), d, d.version());
    }

    @PUT
    @Path("{id: \\d+}")
    public Response update(@PathParam("id") long id, DomainData in) {
        Expected expected = Expected.of(headers, in == null ? null : in.version());
        DomainData d = expected.apply(() -> domains.update(id, in, expected.version()));
        return Responses.ok(d, d.version());
    }

    @DELETE
    @Path("{id: \\d+}")
    public Response delete(@PathParam("id") long id) {
        domains.delete(id, Expected.optional(headers));
        return Response.noContent().build();
    }
}
