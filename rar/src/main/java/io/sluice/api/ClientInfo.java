package io.sluice.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the gateway knows about the SMTP client of a connection: its address, what it said in
 * HELO/EHLO and which protocol it speaks. Immutable snapshot taken when a listener call is made.
 *
 * @param address       the client's IP address as text ("192.0.2.1", "2001:db8::1")
 * @param port          the client's TCP port
 * @param localAddress  the address the client connected to
 * @param localPort     the port the client connected to
 * @param helo          the name given in HELO/EHLO, or {@code null} before it
 * @param esmtp         whether the client used EHLO
 * @param serverName    the gateway's host name as announced in the greeting
 * @param connectedAt   when the connection was accepted
 * @param tlsProtocol   the TLS version after STARTTLS ("TLSv1.3"), or {@code null} in plain text
 * @param tlsCipher     the cipher suite after STARTTLS, or {@code null}
 * @param authUser      the user the client authenticated as (AUTH), or {@code null}
 */
public record ClientInfo(String address, int port, String localAddress, int localPort, String helo,
                         boolean esmtp, String serverName, Instant connectedAt, String tlsProtocol,
                         String tlsCipher, String authUser) implements Serializable {

    public boolean tls() {
        return tlsProtocol != null;
    }

    /** The RFC 5321 address literal of the client: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    public String addressLiteral() {
        return address.indexOf(':') >= 0 ? "[IPv6:" + address + "]" : "[" + address + "]";
    }

    public boolean authenticated() {
        return authUser != null;
    }

    /** The WITH protocol name for the Received: header (RFC 5321 §4.4, RFC 3848: S for TLS, A for AUTH). */
    public String protocol() {
        return (esmtp ? "ESMTP" : "SMTP") + (tls() ? "S" : "") + (authUser != null && esmtp ? "A" : "");
    }
}
