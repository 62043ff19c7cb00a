package io.sluice.scan;

/**
 * A virus an engine found.
 *
 * @param name   the signature's name, e.g. "Eicar-Test-Signature"
 * @param path   where in the message (embedded engine), or "" (external engines see the whole message)
 * @param engine which engine found it: "embedded", "clamd"
 */
public record VirusHit(String name, String path, String engine) {
}
