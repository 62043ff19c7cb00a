package io.sluice.it;

import io.sluice.dns.TestNameServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DMARC aggregate reports and local overrides through the real gateway: messages signed by
 * python3-dkim's dkimsign and unsigned ones from a p=reject domain whose record asks for reports
 * (rua=) at its own organisation and at another that agrees to take them, both on a real name
 * server (NSD on loopback); the client a trusted forwarder, so the unsigned failure is delivered
 * with the override in Authentication-Results and the tracking log; then the period ended by the
 * admin API and the two report mails the mail server behind the gateway receives read back: gzip
 * XML with exactly the rows and counts.
 */
class DmarcReportsIT extends GatewayTest {

    private static final String BODY = "To: bob@example.com\r\nSubject: figures\r\n\r\nThe figures are attached.\r\n";
    private static final Pattern FILE = Pattern.compile("gateway\\.test!reports\\.test!(\\d+)!(\\d+)\\.xml\\.gz");
    private static TestNameServer dns;
    private static PythonDkimKey key;
    private final Api admin = Api.admin();

    @BeforeAll
    static void startDns() throws Exception {
        PythonDkimKey.requireTools("/usr/bin/dkimsign");
        key = PythonDkimKey.create();
        dns = TestNameServer.zones()
                .zone("reports.test", key.zoneLine("sel")
                        + "_dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@reports.test,mailto:agg@collector.test!1m,"
                        + "mailto:x@unwilling.test\"\n")
                .zone("collector.test", "reports.test._report._dmarc IN TXT \"v=DMARC1\"\n")
                .zone("unwilling.test", "host IN A 192.0.2.1\n")
                .start();
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
        key.close();
    }

    @BeforeEach
    void checksOn() {
        Api.resetConfiguration();
        Api.changeSetting("senderChecks", "dnsServers", Json.createArrayBuilder(List.of(dns.resolverText())).build());
        Api.changeSetting("senderChecks", "dkim", JsonValue.TRUE);
        Api.changeSetting("senderChecks", "dmarc", JsonValue.TRUE);
    }

    @AfterEach
    void reset() {
        Api.resetConfiguration();
    }

    private static void reportsOn() {
        Api.changeSetting("dmarc", "reportSender", Json.createValue("dmarc-reports@gateway.test"));
        Api.changeSetting("dmarc", "reportOrganisation", Json.createValue("Sluice IT"));
        Api.changeSetting("dmarc", "reports", JsonValue.TRUE);
    }

    private static String signed(String author) throws IOException, InterruptedException {
        String message = "From: Ann <" + author + ">\r\n" + BODY;
        return key.dkimsign(message, "reports.test");
    }

    /** The delivered message's header fields before the gateway's Received: field. */
    private String deliveredAuthResults(int index) {
        Gateway.await(() -> downstream.deliveries.size() > index, Duration.ofSeconds(10));
        String text = downstream.deliveries.get(index).text();
        return text.substring(0, text.indexOf("Received: "));
    }

    @Test
    void aTrustedForwardersFailureIsDeliveredAndTheReportsCarryEveryRowWithItsCount() throws Exception {
        reportsOn();
        // whatever an earlier run left: reported now, so that the report below has only this test's rows
        admin.post("/api/v1/dmarc-reports/send", "");
        Api.changeSetting("dmarc", "trustedForwarders", Json.createArrayBuilder(List.of("127.0.0.0/8")).build());
        int before = downstream.deliveries.size();

        Gateway.queueId(Gateway.sendFrom("127.0.0.1", "ann@reports.test", "bob@example.com", signed("ann@reports.test")));
        Gateway.queueId(Gateway.sendFrom("127.0.0.1", "ann@reports.test", "bob@example.com", signed("ann@reports.test")));
        String unsigned = Gateway.queueId(Gateway.sendFrom("127.0.0.1", "ann@reports.test", "bob@example.com",
                "From: ann@reports.test\r\n" + BODY));
        assertEquals("Authentication-Results: gateway.test;\r\n\tdkim=none;\r\n"
                + "\tdmarc=fail (overridden: trusted_forwarder) header.from=reports.test\r\n", deliveredAuthResults(before + 2));
        JsonObject t = TrackingIT.tracked(admin, unsigned);
        assertEquals("DELIVERED", t.getString("outcome"));
        assertEquals("fail none (overridden: trusted_forwarder)", t.getString("dmarc"));

        Api.Result sent = admin.post("/api/v1/dmarc-reports/send", "");
        assertEquals(200, sent.status(), sent.body());
        assertEquals("{\"domains\":1,\"kept\":0,\"sent\":2,\"skipped\":1}", sent.body(),
                "to its own organisation and the one that agreed; not to unwilling.test");
        Gateway.await(() -> downstream.deliveries.size() == before + 5, Duration.ofSeconds(10));
        List<TestDownstream.Delivery> reports = downstream.deliveries.subList(before + 3, before + 5);
        assertEquals(List.of(List.of("dmarc@reports.test"), List.of("agg@collector.test")),
                reports.stream().map(TestDownstream.Delivery::recipients).toList());
        assertEquals(List.of("dmarc-reports@gateway.test", "dmarc-reports@gateway.test"),
                reports.stream().map(TestDownstream.Delivery::sender).toList());

        for (TestDownstream.Delivery d : reports) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(d.content()));
            BodyPart attachment = ((MimeMultipart) m.getContent()).getBodyPart(1);
            Matcher file = FILE.matcher(attachment.getFileName());
            assertTrue(file.matches(), attachment.getFileName());
            String begin = file.group(1);
            String end = file.group(2);
            assertEquals("Report Domain: reports.test Submitter: gateway.test Report-ID: <" + end + ".reports.test@gateway.test>",
                    m.getSubject());
            String xml;
            try (GZIPInputStream in = new GZIPInputStream(attachment.getInputStream())) {
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <feedback>
                      <version>1.0</version>
                      <report_metadata>
                        <org_name>Sluice IT</org_name>
                        <email>dmarc-reports@gateway.test</email>
                        <report_id>END.reports.test@gateway.test</report_id>
                        <date_range>
                          <begin>BEGIN</begin>
                          <end>END</end>
                        </date_range>
                      </report_metadata>
                      <policy_published>
                        <domain>reports.test</domain>
                        <adkim>r</adkim>
                        <aspf>r</aspf>
                        <p>reject</p>
                        <sp>reject</sp>
                        <pct>100</pct>
                        <fo>0</fo>
                      </policy_published>
                      <record>
                        <row>
                          <source_ip>127.0.0.1</source_ip>
                          <count>2</count>
                          <policy_evaluated>
                            <disposition>none</disposition>
                            <dkim>pass</dkim>
                            <spf>fail</spf>
                          </policy_evaluated>
                        </row>
                        <identifiers>
                          <envelope_from>reports.test</envelope_from>
                          <header_from>reports.test</header_from>
                        </identifiers>
                        <auth_results>
                          <dkim>
                            <domain>reports.test</domain>
                            <selector>sel</selector>
                            <result>pass</result>
                          </dkim>
                          <spf>
                            <domain>reports.test</domain>
                            <scope>mfrom</scope>
                            <result>none</result>
                          </spf>
                        </auth_results>
                      </record>
                      <record>
                        <row>
                          <source_ip>127.0.0.1</source_ip>
                          <count>1</count>
                          <policy_evaluated>
                            <disposition>none</disposition>
                            <dkim>fail</dkim>
                            <spf>fail</spf>
                            <reason>
                              <type>trusted_forwarder</type>
                            </reason>
                          </policy_evaluated>
                        </row>
                        <identifiers>
                          <envelope_from>reports.test</envelope_from>
                          <header_from>reports.test</header_from>
                        </identifiers>
                        <auth_results>
                          <spf>
                            <domain>reports.test</domain>
                            <scope>mfrom</scope>
                            <result>none</result>
                          </spf>
                        </auth_results>
                      </record>
                    </feedback>
                    """.replace("BEGIN", begin).replace("END", end), xml);
        }
        // the rows the reports covered are gone: nothing is left to send
        assertEquals("{\"domains\":0,\"kept\":0,\"sent\":0,\"skipped\":0}", admin.post("/api/v1/dmarc-reports/send", "").body());
    }

    @Test
    void withoutTheOverrideTheFailureIsRefusedAndReportsNeedASender() throws Exception {
        assertEquals("550 5.7.1 Message refused: it failed DMARC and the author's domain asks for rejection",
                Gateway.sendFrom("127.0.0.1", "ann@reports.test", "bob@example.com", "From: ann@reports.test\r\n" + BODY));
        Api.assertProblem(admin.post("/api/v1/dmarc-reports/send", ""), 409, "{\"type\":\"urn:sluice:problem:conflict\","
                + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"DMARC reports are off or have no sender address "
                + "(settings dmarc.reports, dmarc.reportSender)\"}");
        long v = admin.get("/api/v1/settings").json().getJsonNumber("version").longValue();
        Api.assertProblem(admin.put("/api/v1/settings", "{\"headerPrefix\":\"X-\",\"version\":" + v + ",\"dmarc\":{\"reports\":true,"
                        + "\"reportIntervalSeconds\":60,\"trustedForwarders\":[\"10.0.0.0/33\"]}}"), 400,
                "{\"type\":\"urn:sluice:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"3 fields are invalid\",\"errors\":[{\"field\":\"dmarc.reportIntervalSeconds\",\"message\":"
                        + "\"must be greater than or equal to 3600\"},{\"field\":\"dmarc.reportSender\",\"message\":"
                        + "\"is required while reports are on\"},{\"field\":\"dmarc.trustedForwarders[0]\",\"message\":"
                        + "\"prefix length out of range in 10.0.0.0/33\"}]}");
        assertEquals("{\"reports\":false,\"reportSender\":\"\",\"reportOrganisation\":\"\",\"reportIntervalSeconds\":86400,"
                + "\"localPolicyDomains\":[],\"trustedForwarders\":[],\"trustedArcSealers\":[]}",
                admin.get("/api/v1/settings").json().getJsonObject("dmarc").toString());
    }
}
