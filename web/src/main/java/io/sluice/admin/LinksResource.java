package io.sluice.admin;

import io.sluice.quarantine.DigestLinks;
import io.sluice.quarantine.QuarantineService;
import io.sluice.quarantine.QuarantineView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;

/**
 * {@code /api/v1/links/{token}}: what a digest's signed link grants, without a login (web.xml leaves
 * this path open; the token is the credential). GET shows the message safely, as the quarantine's
 * view does; POST {@code release} releases it to the link's recipient alone, once. Opening the
 * link never releases anything: mail filters and previews fetch links, so the release is a
 * separate POST the console's page makes when the recipient presses its button.
 */
@Path("/links/{token: [A-Za-z0-9_.-]{1,600}}")
@Produces(MediaType.APPLICATION_JSON)
public class LinksResource {

    @Inject
    DigestLinks links;

    @Inject
    Audit audit;

    @GET
    public QuarantineView view(@PathParam("token") String token) throws IOException {
        return links.view(token);
    }

    @POST
    @Path("release")
    public QuarantineService.Released release(@PathParam("token") String token) {
        QuarantineService.Released released = links.release(token);
        audit.recordAs("digest link", "release", "quarantine " + released.queueId(), null, released);
        return released;
    }
}
