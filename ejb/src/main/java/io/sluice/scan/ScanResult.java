package io.sluice.scan;

import io.sluice.scan.spam.SpamVerdict;

import java.util.List;

/**
 * Everything the engines said about one message.
 *
 * @param analysis   the structure, attachments and text (from the embedded pass)
 * @param viruses    what the selected virus engines found
 * @param spam       the selected spam engine's verdict, or {@code null} if none scored it
 * @param scannedBy  the virus engines that did scan it, e.g. ["Sluice embedded engine", "ClamAV clamd"]
 * @param notScanned why an engine did not scan it (allowed to pass by the settings), e.g. "clamd: timed out"
 */
public record ScanResult(Analysis analysis, List<VirusHit> viruses, SpamVerdict spam, List<String> scannedBy,
                         List<String> notScanned) {

    public ScanResult {
        viruses = List.copyOf(viruses);
        scannedBy = List.copyOf(scannedBy);
        notScanned = List.copyOf(notScanned);
    }
}
