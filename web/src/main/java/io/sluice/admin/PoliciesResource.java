package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.PolicyService;
import io.sluice.policy.PolicyData;
import io.sluice.policy.Resolution;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/v1/policies}: the policies in order (the default last), each with its conditions and
 * rules; their order; and which policy applies to a sender and a recipient from a client, with the
 * reasons.
 */
@Path("/policies")
public class PoliciesResource extends CrudResource<PolicyData> {

    @Inject
    PolicyService policies;

    @Override
    protected Crud<PolicyData> service() {
        return policies;
    }

    @Override
    protected String kind() {
        return "policy";
    }

    /** The new order: every policy id but the default's, first to last. */
    public record Order(List<Long> ids) {
    }

    @PUT
    @Path("order")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<PolicyData> reorder(Order order) {
        List<PolicyData> before = policies.list(0, 500).items();
        List<PolicyData> after = policies.reorder(order == null ? null : order.ids());
        audit.record("reorder", "policies", names(before), names(after));
        return after;
    }

    /** The policies' order as the audit log keeps it: their names. */
    private static List<String> names(List<PolicyData> policies) {
        return policies.stream().map(PolicyData::name).toList();
    }

    /**
     * Which policy applies, and for each policy looked at, why it did or did not; {@code client}
     * is left out when none was given (a client outside every internal network).
     */
    @JsonbPropertyOrder({"sender", "recipient", "client", "authenticated", "outbound", "policy", "steps"})
    public record Explanation(String sender, String recipient, String client, boolean authenticated,
                              boolean outbound, PolicyRef policy, List<Resolution.Step> steps) {
    }

    @JsonbPropertyOrder({"id", "name"})
    public record PolicyRef(long id, String name) {
    }

    @GET
    @Path("resolve")
    public Explanation resolve(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                               @QueryParam("client") String client,
                               @QueryParam("authenticated") boolean authenticated) {
        if (recipient == null || recipient.isBlank()) {
            throw new io.sluice.manage.ManageException.InvalidInput(List.of(
                    new io.sluice.manage.Violation("recipient", "is required")));
        }
        String address = client == null || client.isBlank() ? null : client.trim();
        Resolution r = policies.explain(sender, recipient, address, authenticated);
        return new Explanation(sender == null ? "" : sender, recipient, address, authenticated, r.outbound(),
                new PolicyRef(r.policy().id(), r.policy().name()), r.steps());
    }
}
