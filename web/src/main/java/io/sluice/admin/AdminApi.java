package io.sluice.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin API root: everything under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class AdminApi extends Application {
}
