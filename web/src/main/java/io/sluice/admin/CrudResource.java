package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.Page;
import io.sluice.persistence.Versioned;
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

/**
 * One managed collection over HTTP: paged list, read with the version as ETag, create (201 with
 * Location), change guarded by If-Match or the body's version, delete.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class CrudResource<T extends Versioned> {

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    Audit audit;

    protected abstract Crud<T> service();

    /** What one of these is called in the audit log: "policy", "group", "internal domain". */
    protected abstract String kind();

    @GET
    public Page<T> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return service().list(p.page(), p.size());
    }

    @GET
    @Path("{id: \\d+}")
    public Response get(@PathParam("id") long id) {
        T t = service().get(id);
        return Responses.ok(t, t.version());
    }

    @POST
    public Response create(T in) {
        T t = service().create(in);
        audit.record("create", kind() + " " + t.id(), null, t);
        return Responses.created(uri.getAbsolutePathBuilder().path(Long.toString(t.id())).build(), t, t.version());
    }

    @PUT
    @Path("{id: \\d+}")
    public Response update(@PathParam("id") long id, T in) {
        Expected expected = Expected.of(headers, in == null ? null : in.version());
        T before = service().get(id);
        T t = expected.apply(() -> service().update(id, in, expected.version()));
        audit.record("update", kind() + " " + id, before, t);
        return Responses.ok(t, t.version());
    }

    @DELETE
    @Path("{id: \\d+}")
    public Response delete(@PathParam("id") long id) {
        T before = service().get(id);
        service().delete(id, Expected.optional(headers));
        audit.record("delete", kind() + " " + id, before, null);
        return Response.noContent().build();
    }
}
