package io.sluice.admin;

import io.sluice.manage.Crud;
import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import io.sluice.manage.PolicyScope;
import io.sluice.manage.PolicyService;
import io.sluice.manage.Violation;
import io.sluice.policy.PolicyData;
import io.sluice.policy.Resolution;
import io.sluice.security.Scope;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /api/v1/policies}: the policies in order (the default last), each with its conditions and
 * rules; their order; and which policy applies to a sender and a recipient from a client, with the
 * reasons.
 *
 * <p>A domain administrator sees and changes only the policies whose recipients all lie within their
 * domains ({@link PolicyScope}); others do not exist for them (404), and one they write that reaches
 * beyond is refused at the recipient that does (400). The server places their policies (a new one
 * after all others, before the default; a changed one where it was): the first policy that matches
 * applies, so placing one before an administrator's would take mail out of that policy's reach.
 * The order and the explanation, which name every policy, are for administrators and auditors.
 */
@Path("/policies")
public class PoliciesResource extends CrudResource<PolicyData> {

    @Inject
    PolicyService policies;

    @Inject
    Caller caller;

    @Override
    protected Crud<PolicyData> service() {
        return policies;
    }

    @Override
    protected String kind() {
        return "policy";
    }

    @Override
    public Page<PolicyData> list(String page, String size) {
        Scope scope = caller.scope();
        if (scope.everything()) {
            return super.list(page, size);
        }
        List<PolicyData> mine = policies.list(0, Page.MAX_SIZE).items().stream()
                .filter(p -> PolicyScope.covers(scope, p)).toList();
        return new Page<>(mine, 0, Page.MAX_SIZE, mine.size());
    }

    @Override
    public Response get(long id) {
        visible(id);
        return super.get(id);
    }

    @Override
    public Response create(PolicyData in) {
        Scope scope = caller.scope();
        if (scope.everything() || in == null) {
            return super.create(in);
        }
        within(scope, in);
        return super.create(in.withPosition(null));
    }

    @Override
    public Response update(long id, PolicyData in) {
        Scope scope = caller.scope();
        if (scope.everything() || in == null) {
            return super.update(id, in);
        }
        PolicyData before = visible(id);
        within(scope, in);
        return super.update(id, in.withPosition(before.position()));
    }

    @Override
    public Response delete(long id) {
        visible(id);
        return super.delete(id);
    }

    /** The policy if the caller may see it; 404 as if it did not exist otherwise. */
    private PolicyData visible(long id) {
        PolicyData p = policies.get(id);
        if (!PolicyScope.covers(caller.scope(), p)) {
            throw new ManageException.NotFound("policy " + id);
        }
        return p;
    }

    private static void within(Scope scope, PolicyData in) {
        List<Violation> beyond = PolicyScope.outside(scope, in);
        if (!beyond.isEmpty()) {
            throw new ManageException.InvalidInput(beyond);
        }
    }

    private void administratorsOnly(String what) {
        if (!caller.scope().everything()) {
            throw new ManageException.Forbidden(what + " concerns every policy: it is for administrators");
        }
    }

    /** The new order: every policy id but the default's, first to last. */
    public record Order(List<Long> ids) {
    }

    @PUT
    @Path("order")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<PolicyData> reorder(Order order) {
        administratorsOnly("the order of the policies");
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
        administratorsOnly("who gets which policy");
        if (recipient == null || recipient.isBlank()) {
            throw new ManageException.InvalidInput(List.of(new Violation("recipient", "is required")));
        }
        String address = client == null || client.isBlank() ? null : client.trim();
        Resolution r = policies.explain(sender, recipient, address, authenticated);
        return new Explanation(sender == null ? "" : sender, recipient, address, authenticated, r.outbound(),
                new PolicyRef(r.policy().id(), r.policy().name()), r.steps());
    }
}
