package io.sluice.admin;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Responses that carry a thing's version as its ETag. */
final class Responses {

    private Responses() {
    }

    static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    static Response ok(Object body, long version) {
        return Response.ok(body).tag(tag(version)).build();
    }

    static Response created(URI location, Object body, long version) {
        return Response.created(location).entity(body).tag(tag(version)).build();
    }
}
