package io.sluice.admin;

import io.sluice.manage.SettingsData;
import io.sluice.manage.SettingsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/settings}: the gateway's run-time settings. */
@Path("/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Inject
    SettingsService settings;

    @Context
    HttpHeaders headers;

    @Inject
    Audit audit;

    @GET
    public Response get() {
        SettingsData s = settings.get();
        return Responses.ok(s, s.version());
    }

    @PUT
    public Response update(SettingsData in) {
        Expected expected = Expected.of(headers, in == null ? null : in.version());
        SettingsData before = settings.get();
        SettingsData s = expected.apply(() -> settings.update(in, expected.version()));
        audit.record("update", "settings", before, s);
        return Responses.ok(s, s.version());
    }
}
