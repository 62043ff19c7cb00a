package io.sluice.api;

import java.io.Serializable;

/**
 * The real client behind a relayed message, passed on to a downstream that asks for it with
 * Postfix's XCLIENT or XFORWARD, so that its IP rules and limits see the client, not the gateway.
 *
 * @param address  the client's IP address
 * @param port     the client's TCP port
 * @param helo     what it said in HELO/EHLO, or {@code null}
 * @param protocol SMTP, ESMTP, ESMTPS ...
 * @param login    the authenticated user, or {@code null}
 */
public record ClientOrigin(String address, int port, String helo, String protocol, String login)
        implements Serializable {

    public static ClientOrigin of(ClientInfo client) {
        return new ClientOrigin(client.address(), client.port(), client.helo(), client.protocol(), client.authUser());
    }
}
