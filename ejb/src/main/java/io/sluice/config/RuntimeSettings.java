package io.sluice.config;

/**
 * The run-time settings as one immutable value, read by every message without a database query;
 * replaced whenever the admin API changes them. One record per concern; each is also how the
 * settings row stores it ({@link GatewaySettings}) and what the admin API reads and writes
 * ({@code io.sluice.manage.SettingsData}).
 */
public record RuntimeSettings(General general, VirusScanning virus, SpamScanning spam, ScanSettings scanning,
                              Retention retention, Notifications notifications, Connections connections,
                              InternalNetworks internalNetworks, SenderChecks senderChecks,
                              java.util.List<DnsList> dnsLists, DmarcSettings dmarc) {

    public RuntimeSettings {
        dnsLists = java.util.List.copyOf(dnsLists);
    }

    /**
     * The settings of a new installation. The database's settings row gets the same values from
     * the migrations that made its columns (a test holds them to these).
     */
    public static final RuntimeSettings DEFAULT = new RuntimeSettings(General.DEFAULT, VirusScanning.DEFAULT,
            SpamScanning.DEFAULT, ScanSettings.DEFAULT, Retention.DEFAULT, Notifications.DEFAULT,
            Connections.DEFAULT, InternalNetworks.NONE, SenderChecks.DEFAULT, java.util.List.of(), DmarcSettings.DEFAULT);

    /** The name of one of the header fields the gateway adds, e.g. "Spam-Score" as "X-Spam-Score". */
    public String header(String suffix) {
        return general.header(suffix);
    }

    public RuntimeSettings with(General g) {
        return new RuntimeSettings(g, virus, spam, scanning, retention, notifications, connections, internalNetworks, senderChecks, dnsLists, dmarc);
    }

    public RuntimeSettings with(Notifications n) {
        return new RuntimeSettings(general, virus, spam, scanning, retention, n, connections, internalNetworks, senderChecks, dnsLists, dmarc);
    }

    public RuntimeSettings with(Connections c) {
        return new RuntimeSettings(general, virus, spam, scanning, retention, notifications, c, internalNetworks, senderChecks, dnsLists, dmarc);
    }

    public RuntimeSettings with(SenderChecks s) {
        return new RuntimeSettings(general, virus, spam, scanning, retention, notifications, connections, internalNetworks, s, dnsLists, dmarc);
    }

    public RuntimeSettings withDnsLists(java.util.List<DnsList> lists) {
        return new RuntimeSettings(general, virus, spam, scanning, retention, notifications, connections, internalNetworks,
                senderChecks, lists, dmarc);
    }

    public RuntimeSettings with(DmarcSettings d) {
        return new RuntimeSettings(general, virus, spam, scanning, retention, notifications, connections, internalNetworks,
                senderChecks, dnsLists, d);
    }
}
