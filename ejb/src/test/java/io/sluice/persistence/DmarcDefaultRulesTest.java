package io.sluice.persistence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Migration V15: the default policy's DMARC rules, their place among its rules and their actions. */
class DmarcDefaultRulesTest {

    private static final String RULES = "SELECT r.idx, r.name, r.filter_type, r.filter_pattern FROM policy_rule r "
            + "JOIN policy p ON r.policy_id = p.id WHERE p.is_default ORDER BY r.idx";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNewInstallationRefusesAndHoldsDmarcFailuresAfterTheContentRulesAndBeforeSpam(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            assertEquals(List.of(
                    List.of(0, "Viruses", "VIRUS"), List.of(1, "Unscannable", "UNSCANNABLE"),
                    List.of(2, "Encrypted archive", "ENCRYPTED_ARCHIVE"), List.of(3, "DMARC reject", "DMARC", "reject"),
                    List.of(4, "DMARC quarantine", "DMARC", "quarantine"), List.of(5, "Spam", "SPAM_SCORE"),
                    List.of(6, "Certain spam", "SPAM_SCORE")), withoutNulls(db.rows(RULES)));
            assertEquals(List.of(List.of("DMARC reject", "REJECT", 550, "5.7.1",
                            "Message refused: it failed DMARC and the author's domain asks for rejection"),
                    List.of("DMARC quarantine", "QUARANTINE")),
                    withoutNulls(db.rows("SELECT r.name, a.type, a.reply_code, a.reply_status, a.text FROM rule_action a "
                            + "JOIN policy_rule r ON a.rule_id = r.id WHERE r.filter_type = 'DMARC' ORDER BY r.idx, a.idx")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDefaultPolicyEditedToFewerRulesGetsThemAtItsEnd(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, "14")) {
            db.update("DELETE FROM policy_rule WHERE idx > 0");
            db.migrate(null);
            assertEquals(List.of(List.of(0, "Viruses", "VIRUS"), List.of(1, "DMARC reject", "DMARC", "reject"),
                    List.of(2, "DMARC quarantine", "DMARC", "quarantine")), withoutNulls(db.rows(RULES)));
        }
    }

    private static List<List<Object>> withoutNulls(List<List<Object>> rows) {
        return rows.stream().map(r -> r.stream().filter(java.util.Objects::nonNull)
                .map(v -> v instanceof Number n ? (Object) n.intValue() : v).toList()).toList();
    }
}
