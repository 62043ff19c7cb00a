package io.sluice.admin;

import io.sluice.manage.Page;
import io.sluice.manage.UserData;
import io.sluice.manage.UserService;
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

/** {@code /api/v1/users}: who may use this API, with which role; passwords are write-only. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserService users;

    @Inject
    Audit audit;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Page<UserData> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return users.list(p.page(), p.size());
    }

    @GET
    @Path("{username}")
    public Response get(@PathParam("username") String username) {
        UserData u = users.get(username);
        return Responses.ok(u, u.version());
    }

    @POST
    public Response create(UserData in) {
        UserData u = users.create(in);
        audit.record("create", "user " + u.username(), null, u);
        return Responses.created(uri.getAbsolutePathBuilder().path(u.username()).build(), u, u.version());
    }

    /** Changes the role. */
    @PUT
    @Path("{username}")
    public Response update(@PathParam("username") String username, UserData in) {
        Expected expected = Expected.of(headers, in == null ? null : in.version());
        UserData before = users.get(username);
        UserData u = expected.apply(() -> users.update(username, in, expected.version()));
        audit.record("update", "user " + username, before, u);
        return Responses.ok(u, u.version());
    }

    @PUT
    @Path("{username}/password")
    public Response password(@PathParam("username") String username, UserData.Password in) {
        users.changePassword(username, in);
        audit.record("set-password", "user " + username, null, null);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        UserData before = users.get(username);
        users.delete(username);
        audit.record("delete", "user " + username, before, null);
        return Response.noContent().build();
    }
}
