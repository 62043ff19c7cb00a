package io.sluice.admin;

import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import io.sluice.manage.Violation;
import io.sluice.tracking.CheckFilter;
import io.sluice.tracking.Statistics;
import io.sluice.tracking.TrackingQuery;
import io.sluice.tracking.TrackingRecord;
import io.sluice.tracking.TrackingSearch;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/v1/tracking}: what happened to each message (one row per transaction), searchable;
 * {@code /api/v1/tracking/statistics}: traffic per hour or per day with the top senders, recipients
 * and viruses. A domain administrator finds the transactions with a recipient in their domains
 * (showing only those recipients); the statistics are the whole gateway's, for administrators and
 * auditors only (web.xml).
 */
@Path("/tracking")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    @Inject
    TrackingSearch tracking;

    @Inject
    Caller caller;

    @GET
    public Page<TrackingRecord> search(@QueryParam("queueId") String queueId, @QueryParam("sender") String sender,
                                       @QueryParam("recipient") String recipient, @QueryParam("clientIp") String clientIp,
                                       @QueryParam("outcome") String outcome, @QueryParam("verdict") String verdict,
                                       @QueryParam("policy") String policy, @QueryParam("spf") String spf,
                                       @QueryParam("dkim") String dkim, @QueryParam("dmarc") String dmarc,
                                       @QueryParam("greylist") String greylist, @QueryParam("listed") String listed,
                                       @QueryParam("from") String from, @QueryParam("until") String until,
                                       @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        CheckFilter checks = new CheckFilter(spf, dkim, dmarc, greylist, "true".equals(listed) ? Boolean.TRUE
                : "false".equals(listed) ? Boolean.FALSE : null);
        List<Violation> wrong = new java.util.ArrayList<>(checks.violations());
        if (listed != null && !listed.isEmpty() && checks.listed() == null) {
            wrong.add(new Violation("listed", "must be true or false"));
        }
        if (!wrong.isEmpty()) {
            throw new ManageException.InvalidInput(wrong);
        }
        return tracking.search(new TrackingQuery(queueId, sender, recipient, clientIp, outcome, verdict, policy, checks,
                TimeParam.parse("from", from), TimeParam.parse("until", until), caller.scope()), p.page(), p.size());
    }

    @GET
    @Path("statistics")
    public Statistics statistics(@QueryParam("per") String per, @QueryParam("from") String from,
                                 @QueryParam("until") String until) {
        if (per != null && !per.equals("hour") && !per.equals("day")) {
            throw new ManageException.InvalidInput(List.of(new Violation("per", "must be hour or day")));
        }
        return tracking.statistics("day".equals(per), TimeParam.parse("from", from), TimeParam.parse("until", until));
    }
}
