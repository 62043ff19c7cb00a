package io.sluice.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What H2 says about a file that is not a database, read the way the gateway reads it at start. */
class DamagedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedFileIsNamedWithH2sReasonsAlongTheCauseChain() throws Exception {
        Path file = dir.resolve("sluice.mv.db");
        byte[] noise = new byte[64 * 1024];
        new Random(11).nextBytes(noise);
        Files.write(file, noise);
        SQLException h2 = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:h2:" + dir.resolve("sluice"), "sa", "sa"));
        // as the datasource passes it on: wrapped, with an error code of its own
        RuntimeException failure = new IllegalStateException("Unable to obtain connection from database",
                new SQLException("jakarta.resource.ResourceException: IJ000453: Unable to get managed connection", h2));

        DamagedDatabase damage = DamagedDatabase.in(failure).orElseThrow();

        assertEquals(file.toString(), damage.file());
        String build = org.h2.engine.Constants.BUILD_ID + "";
        assertEquals("File corrupted while reading record: \"" + file + "\". Possible solution: use the recovery tool"
                + " [90030-" + build + "]; Store header is corrupt: " + file + " [" + org.h2.engine.Constants.VERSION
                + "/6]", damage.reason());
        assertEquals("the gateway's database file " + file + " is damaged and cannot be opened", damage.summary());
        assertTrue(damage.instructions().contains("mkdir " + dir + "/damaged && mv " + file + " " + dir + "/damaged/"),
                damage.instructions());
    }

    @Test
    void anyOtherFailureIsNotDamage() {
        SQLException refused = new SQLException("Connection refused", "08001", 0);
        assertEquals(Optional.empty(), DamagedDatabase.in(new IllegalStateException("no database", refused)));
        assertEquals(Optional.empty(), DamagedDatabase.in(new SQLException("Wrong user name or password", "28000",
                28000)));
    }
}
