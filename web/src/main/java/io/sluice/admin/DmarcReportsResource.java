package io.sluice.admin;

import io.sluice.dmarc.report.DmarcReportJob;
import io.sluice.dmarc.report.ReportSender;
import io.sluice.manage.ManageException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/dmarc-reports}: DMARC aggregate reports. {@code POST /send} ends the current
 * period now and sends its reports at once, for an administrator about to turn reports off or to
 * change the sender, who wants what was counted so far reported under the old settings first.
 */
@Path("/dmarc-reports")
@Produces(MediaType.APPLICATION_JSON)
public class DmarcReportsResource {

    @Inject
    DmarcReportJob job;

    @Inject
    Audit audit;

    /** What the run did: domains reported on, reports sent, destinations left out, domains kept for the next run. */
    @POST
    @Path("send")
    public ReportSender.Summary send() {
        ReportSender.Summary done = job.sendNow();
        if (done == null) {
            throw new ManageException.Conflict("DMARC reports are off or have no sender address (settings dmarc.reports, "
                    + "dmarc.reportSender)");
        }
        audit.record("send", "dmarc-reports", null, done);
        return done;
    }
}
