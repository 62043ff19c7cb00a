package io.sluice.admin;

import io.sluice.manage.Page;
import io.sluice.manage.PolicyService;
import io.sluice.policy.PolicyData;
import io.sluice.policy.Resolution;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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

import java.util.List;

/**
 * {@code /api/v1/policies}: the policies in order (the default last), each with its conditions and
 * rules; their order; and which policy applies to a sender and a recipient, with the reasons.
 */
@Path("/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    @Inject
    PolicyService policies;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Page<PolicyData> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return policies.list(p.page(), p.size());
    }

    @GET
    @Path("{id: \\d+}")
    public Response get(@PathParam("id") long id) {
        PolicyData p = policies.get(id);
        return Responses.ok(p, p.version());
    }

    @POST
    public Response create(PolicyData in) {
        PolicyData p = policies.create(in);
        return Responses.created(uri.getAbsolutePathBuilder().path(Long.toString(p.id())).build(), p, p.version());
    }

    @PUT
    @Path("{id: \\d+}")
    public Response update(@PathParam("id") long id, PolicyData in) {
        Expected expected = Expected.of(headers, in == null ? null : in.version());
        PolicyData p = expected.apply(() -> policies.update(id, in, expected.version()));
        return Responses.ok(p, p.version());
    }

    @DELETE
    @Path("{id: \\d+}")
    public Response delete(@PathParam("id") long id) {
        policies.delete(id, Expected.optional(headers));
        return Response.noContent().build();
    }

    /** The new order: every policy id but the default's, first to last. */
    public record Order(List<Long> ids) {
    }

    @PUT
    @Path("order")
    public List<PolicyData> reorder(Order order) {
        return policies.reorder(order == null ? null : order.ids());
    }

    /** Which policy applies, and for each policy looked at, why it did or did not. */
    @JsonbPropertyOrder({"sender", "recipient", "authenticated", "outbound", "policy", "steps"})
    public record Explanation(String sender, String recipient, boolean authenticated, boolean outbound,
                              PolicyRef policy, List<Resolution.Step> steps) {
    }

    @JsonbPropertyOrder({"id", "name"})
    public record PolicyRef(long id, String name) {
    }

    @GET
    @Path("resolve")
    public Explanation resolve(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                               @QueryParam("authenticated") boolean authenticated) {
        if (recipient == null || recipient.isBlank()) {
            throw new io.sluice.manage.ManageException.InvalidInput(List.of(
                    new io.sluice.manage.Violation("recipient", "is required")));
        }
        Resolution r = policies.explain(sender, recipient, authenticated);
        return new Explanation(sender == null ? "" : sender, recipient, authenticated, r.outbound(),
                new PolicyRef(r.policy().id(), r.policy().name()), r.steps());
    }
}
