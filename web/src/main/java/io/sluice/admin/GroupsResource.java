package io.sluice.admin;

import io.sluice.manage.GroupData;
import io.sluice.manage.GroupService;
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

/** {@code /api/v1/groups}: named address groups that policies refer to. */
@Path("/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @Inject
    GroupService groups;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Page<GroupData> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return groups.list(p.page(), p.size());
    }

    @GET
    @Path("{id: \\d+}")
    public Response get(@PathParam("id") long id) {
        GroupData g = groups.get(id);
        return Responses.ok(g, g.version());
    }

    @POST
    public Response create(GroupData in) {
        GroupData g = groups.create(in);
        return Responses.created(uri.getAbsolutePathBuilder().path(Long.toString(g.id())).build(), g, g.version());
    }

    @PUT
    @Path("{id: \\d+}")
    public Response update(@PathParam("id") long id, GroupData in) {
        Expected expected = Expected.of(headers, in == null ? null : in.version());
        GroupData g = expected.apply(() -> groups.update(id, in, expected.version()));
        return Responses.ok(g, g.version());
    }

    @DELETE
    @Path("{id: \\d+}")
    public Response delete(@PathParam("id") long id) {
        groups.delete(id, Expected.optional(headers));
        return Response.noContent().build();
    }
}
