package io.sluice.pipeline;

import io.sluice.api.Decision;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.config.Connections;
import io.sluice.limit.RateWindows;

/**
 * Connect step: concurrent connections in all and per real client address, and new connections
 * per address and interval. Beyond any of them the connection is closed with a 421 (the engine
 * puts the server's name in front), so the client tries again later.
 */
final class ConnectionLimits implements PhaseStep<ConnectPhase.Connect> {

    private final RateWindows connections;

    ConnectionLimits() {
        this(new RateWindows());
    }

    ConnectionLimits(RateWindows connections) {
        this.connections = connections;
    }

    @Override
    public Decision apply(ConnectPhase.Connect connect) {
        Connections c = connect.limits();
        String address = connect.client().address();
        if (c.maxTotal() > 0 && connect.total() > c.maxTotal()) {
            return refuse("Error: too many connections; try again later");
        }
        if (c.maxPerAddress() > 0 && connect.fromSameAddress() > c.maxPerAddress()) {
            return refuse("Error: too many connections from " + address + "; try again later");
        }
        if (!connections.allow(address, c.connectionRate(), c.interval())) {
            return refuse("Error: too many connections from " + address + " in " + c.interval().toSeconds()
                    + " s; try again later");
        }
        return null;
    }

    private static Decision refuse(String text) {
        return Decision.disconnect(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.TEMPORARY_POLICY, text));
    }

    void clear() {
        connections.clear();
    }
}
