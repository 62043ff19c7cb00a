package io.sluice.scan.spam;

import java.util.Comparator;
import java.util.List;

/**
 * What a spam engine thinks of a message.
 *
 * @param score   the total score
 * @param symbols the tests that fired, highest score first
 * @param engine  "embedded", "spamd" or "rspamd"
 */
public record SpamVerdict(double score, List<SpamSymbol> symbols, String engine) {

    public SpamVerdict {
        symbols = symbols.stream().sorted(Comparator.comparingDouble(SpamSymbol::score).reversed()
                .thenComparing(SpamSymbol::name)).toList();
    }

    /** Symbol names, comma separated, for X-Spam-Status. */
    public String symbolList() {
        return String.join(",", symbols.stream().map(SpamSymbol::name).toList());
    }
}
