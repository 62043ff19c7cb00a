package io.sluice.config;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * The run-time settings the admin API changes: one row, whose columns each concern's record maps
 * (the columns were added migration by migration, so they keep their flat names).
 */
@Entity
@Table(name = "gateway_settings")
public class GatewaySettings {

    public static final int ID = 1;

    @Id
    private Integer id;

    @Embedded
    private General general;

    @Embedded
    private VirusScanning virus;

    @Embedded
    private SpamScanning spam;

    @Embedded
    private ScanSettings scanning;

    @Embedded
    private Retention retention;

    @Embedded
    private Notifications notifications;

    @Embedded
    private Connections connections;

    @Embedded
    private SenderChecks senderChecks;

    @Embedded
    private DmarcSettings dmarc;

    /** The DNS block lists, in the order they are asked. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "dns_block_list", joinColumns = @JoinColumn(name = "settings_id"))
    @OrderColumn(name = "idx")
    private List<DnsList> dnsLists = new ArrayList<>();

    /** Comma-separated CIDR blocks whose clients' mail is outbound; empty: none. */
    @Column(name = "internal_networks", nullable = false, length = 10000)
    private String internalNetworks;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected GatewaySettings() {
    }

    public long version() {
        return version;
    }

    public RuntimeSettings settings() {
        return new RuntimeSettings(general, virus, spam, scanning, retention, notifications, connections,
                InternalNetworks.of(internalNetworks.isEmpty() ? List.of() : List.of(internalNetworks.split(","))),
                senderChecks, List.copyOf(dnsLists), dmarc);
    }

    /** Takes every concern's values; the version moves on only if one of them differs. */
    public void change(RuntimeSettings next) {
        this.general = next.general();
        this.virus = next.virus();
        this.spam = next.spam();
        this.scanning = next.scanning();
        this.retention = next.retention();
        this.notifications = next.notifications();
        this.connections = next.connections();
        this.internalNetworks = String.join(",", next.internalNetworks().texts());
        this.senderChecks = next.senderChecks();
        this.dmarc = next.dmarc();
        if (!dnsLists.equals(next.dnsLists())) {
            dnsLists.clear();
            dnsLists.addAll(next.dnsLists());
        }
    }
}
