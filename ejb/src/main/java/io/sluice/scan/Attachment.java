package io.sluice.scan;

/**
 * One leaf of the message that is not inline text, or a member of an archive.
 *
 * @param path         where it sits, e.g. "2/report.zip/docs/eicar.com"
 * @param name         its file name (from Content-Disposition / Content-Type, or the archive), or ""
 * @param declaredType the MIME type the message declares (members of archives: "")
 * @param detectedType the MIME type its content looks like (by magic numbers, not by name)
 * @param size         decoded size in octets
 * @param encrypted    an archive member that could not be read because it is encrypted (its size
 *                     is then 0: nothing was decoded)
 */
public record Attachment(String path, String name, String declaredType, String detectedType, long size,
                         boolean encrypted) {
}
