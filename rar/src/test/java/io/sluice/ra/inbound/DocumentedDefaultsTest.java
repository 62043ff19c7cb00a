package io.sluice.ra.inbound;

import io.sluice.ra.outbound.RelayManagedConnectionFactory;
import io.sluice.smtp.SmtpSettings;
import io.sluice.smtp.client.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The defaults the adapter applies when a property is not set, against the documented ones
 * (README's configuration table) and those the deployment descriptors give their system
 * properties: the listener's through the activation spec and {@link SmtpSettings.Builder}, the
 * relay's through {@link RelayManagedConnectionFactory}. ra.xml gives none of its own, or the same.
 */
class DocumentedDefaultsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final List<String> DESCRIPTORS = List.of("ejb/src/main/resources/META-INF/jboss-ejb3.xml",
            "rar/src/main/rar/META-INF/ironjacamar.xml");

    @Test
    void theCodesDefaultsAreTheDocumentedOnesAndTheDescriptorsToo(@TempDir Path dir) throws Exception {
        Map<String, String> code = new LinkedHashMap<>();
        code.putAll(listener(dir));
        code.putAll(relay());
        code.put("sluice.smtp.threads",
                SessionThreads.parse(new io.sluice.ra.SluiceResourceAdapter().getSessionThreads()).name());

        Map<String, String> documented = table();
        Map<String, String> described = descriptorDefaults();
        List<String> wrong = new ArrayList<>();
        code.forEach((property, value) -> {
            if (!value.equals(documented.get(property))) {
                wrong.add(property + ": the code " + value + ", README " + documented.get(property));
            }
            String inDescriptor = described.get(property);
            if (inDescriptor != null && !inDescriptor.isEmpty() && !inDescriptor.equals(value)) {
                wrong.add(property + ": the code " + value + ", a descriptor " + inDescriptor);
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void raXmlRepeatsNoRelayDefaultThatDiffers() throws Exception {
        String ra = Files.readString(ROOT.resolve("rar/src/main/rar/META-INF/ra.xml"));
        Matcher m = Pattern.compile("<config-property-name>(\\w+)</config-property-name>\\s*"
                + "<config-property-type>[^<]*</config-property-type>\\s*"
                + "<config-property-value>([^<]*)</config-property-value>").matcher(ra);
        RelayManagedConnectionFactory factory = new RelayManagedConnectionFactory();
        List<String> wrong = new ArrayList<>();
        while (m.find()) {
            String getter = "get" + Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
            Object value = RelayManagedConnectionFactory.class.getMethod(getter).invoke(factory);
            if (!m.group(2).equals(String.valueOf(value))) {
                wrong.add(m.group(1) + ": ra.xml " + m.group(2) + ", the factory " + value);
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** What the listener runs with when the activation config sets nothing but a key store without password. */
    private static Map<String, String> listener(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        ServerKeys.context(store, SmtpActivationSpec.DEFAULT_KEY_STORE_PASSWORD.toCharArray(), "mx.test.example", true);
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setHostname("mx.test.example");
        spec.setTlsKeyStore(store.toString());
        SmtpSettings s = spec.toSettings();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sluice.smtp.bind-address", s.bindAddress());
        m.put("sluice.smtp.port", String.valueOf(s.port()));
        m.put("sluice.smtp.max-connections", String.valueOf(s.maxConnections()));
        m.put("sluice.smtp.max-recipients", String.valueOf(s.maxRecipients()));
        m.put("sluice.smtp.max-message-size", String.valueOf(s.maxMessageSize()));
        m.put("sluice.smtp.max-command-line", String.valueOf(s.maxCommandLineLength()));
        m.put("sluice.smtp.max-text-line", String.valueOf(s.maxTextLineLength()));
        m.put("sluice.smtp.command-timeout", String.valueOf(s.commandTimeout().toSeconds()));
        m.put("sluice.smtp.data-block-timeout", String.valueOf(s.dataBlockTimeout().toSeconds()));
        m.put("sluice.smtp.data-total-timeout", String.valueOf(s.dataTotalTimeout().toSeconds()));
        m.put("sluice.smtp.spool-threshold", String.valueOf(s.spoolThreshold()));
        m.put("sluice.smtp.auth", s.authMode().name());
        m.put("sluice.smtp.auth.failure-delay-millis", String.valueOf(s.authFailureDelay().toMillis()));
        m.put("sluice.smtp.auth.max-failures", String.valueOf(s.maxAuthFailures()));
        m.put("sluice.smtp.tls", s.tlsMode().name());
        m.put("sluice.smtp.tls.key-store-password", SmtpActivationSpec.DEFAULT_KEY_STORE_PASSWORD);
        return m;
    }

    /** What a relay session is opened with when the pool's configuration sets nothing. */
    private static Map<String, String> relay() {
        ClientSettings c = new RelayManagedConnectionFactory().clientSettings();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sluice.relay.host", c.host());
        m.put("sluice.relay.port", String.valueOf(c.port()));
        m.put("sluice.relay.connect-timeout", String.valueOf(c.connectTimeout().toSeconds()));
        m.put("sluice.relay.command-timeout", String.valueOf(c.commandTimeout().toSeconds()));
        m.put("sluice.relay.data-timeout", String.valueOf(c.dataTimeout().toSeconds()));
        m.put("sluice.relay.tls", c.tls().name());
        return m;
    }

    /** Each {@code ${sluice...:default}} in the descriptors: the property and its default as written. */
    private static Map<String, String> descriptorDefaults() throws Exception {
        Map<String, String> defaults = new TreeMap<>();
        Pattern expression = Pattern.compile("\\$\\{(sluice\\.[a-z0-9.-]+)(?::([^${}]*))?}");
        for (String d : DESCRIPTORS) {
            Matcher m = expression.matcher(Files.readString(ROOT.resolve(d)));
            while (m.find()) {
                defaults.put(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        return defaults;
    }

    /**
     * README's configuration table: property to default, a row naming several properties
     * ({@code `a` / `b`}) giving one default each ({@code `1` / `2`}).
     */
    private static Map<String, String> table() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Configuration");
        Map<String, String> rows = new TreeMap<>();
        for (String line : readme.substring(start, readme.indexOf("\n## ", start + 1)).lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[1].trim().startsWith("`sluice.")) {
                continue;
            }
            String[] names = cells[1].split("/");
            String[] values = cells[2].split(" / ");
            String parent = "";
            for (int i = 0; i < names.length; i++) {
                String name = names[i].trim().replace("`", "");
                if (name.startsWith("sluice.")) {
                    parent = name.substring(0, name.lastIndexOf('.') + 1);
                } else {
                    name = parent + name;
                }
                String value = values.length == names.length ? values[i].trim() : "";
                rows.put(name, value.matches("`[^`]*`") ? value.substring(1, value.length() - 1) : "");
            }
        }
        return rows;
    }
}
