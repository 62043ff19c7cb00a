package io.sluice.it;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PostfixRelayIT} against the SMTP service a site sets up for the gateway alone: on
 * loopback, XCLIENT allowed whoever the session acts for (so one session can serve client after
 * client), Postfix's per-session error and junk-command limits out of the way (the gateway keeps
 * its own per client), and a cleanup service without inflow delay (recipient probes that end in
 * RSET would otherwise each cost a second once the inflow tokens are used up). Everything else,
 * mynetworks, the relay domain, its users and SASL, is the user's configuration as before.
 */
class PostfixGatewayServiceIT extends PostfixRelayIT {

    /** Hides {@link PostfixRelayIT#startPostfix()}: the same Postfix with the gateway's own service. */
    @BeforeAll
    static void startPostfix() throws Exception {
        postfix = asConfigured()
                .listenerOption("smtpd_authorized_xclient_hosts", "static:all")
                .listenerOption("smtpd_error_sleep_time", "0")
                .listenerOption("smtpd_soft_error_limit", "1000")
                .listenerOption("smtpd_hard_error_limit", "1000")
                .listenerOption("smtpd_junk_command_limit", "1000")
                .listenerOption("cleanup_service_name", "sluice-cleanup")
                .service("sluice-cleanup unix n - n - 0 cleanup\n  -o in_flow_delay=0")
                .start();
    }
}
