package io.sluice.config;

/**
 * Hard limits on what the analysis of one message may do, so that a crafted message (a zip bomb,
 * thousands of nested parts) costs bounded time and memory. Going past one does not crash
 * anything: the message gets the verdict "unscannable", which a policy can act on.
 *
 * @param maxDepth         nesting of multiparts, attached messages and archives
 * @param maxParts         parts and archive members in all
 * @param maxExpandedBytes decoded octets of all parts and members together
 * @param maxRatio         expanded size over compressed size of one archive member (checked once
 *                         a member has expanded past one MiB, so small text files do not trip it)
 * @param maxTextChars     characters of each text part kept for spam rules and body filters
 */
public record ScanLimits(int maxDepth, int maxParts, long maxExpandedBytes, int maxRatio, int maxTextChars) {

    /** Characters of each text part kept: enough for any rule, not a setting. */
    public static final int MAX_TEXT_CHARS = 1_000_000;

    /** The limits of the default settings. */
    public static final ScanLimits DEFAULT = ScanSettings.DEFAULT.limits();
}
