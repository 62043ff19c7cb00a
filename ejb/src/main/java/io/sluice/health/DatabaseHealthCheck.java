package io.sluice.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the gateway's database, in WildFly's health endpoint on the management interface
 * ({@code /health/ready}, and {@code /health}): DOWN while the database file found damaged at start
 * keeps the gateway from accepting mail. Not a liveness check: a restart does not repair a file, so
 * an orchestrator should not restart the server in a loop but leave it answering 451 until an
 * administrator has acted.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    static final String NAME = "sluice-database";

    @Inject
    DatabaseStatus status;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        return status.damage()
                .map(d -> response.down()
                        .withData("problem", d.summary())
                        .withData("file", d.file())
                        .withData("reason", d.reason())
                        .withData("action", "stop the server, move " + d.file() + " aside, restore it from a backup"
                                + " (or start with none), start the server; the server log has the details")
                        .build())
                .orElseGet(() -> response.up().build());
    }
}
