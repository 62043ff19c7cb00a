package io.sluice.smtp.client;

/**
 * STARTTLS towards the downstream: used when offered (the default), required (a downstream that
 * does not offer it is not used), or never.
 */
public enum DownstreamTls {
    OFF, OPPORTUNISTIC, REQUIRED
}
