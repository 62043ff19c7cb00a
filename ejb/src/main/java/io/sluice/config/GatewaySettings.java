package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The run-time settings the admin API changes: one row. */
@Entity
@Table(name = "gateway_settings")
public class GatewaySettings {

    public static final int ID = 1;

    @Id
    private Integer id;

    /** Where admin notifications go; none until an administrator sets it. */
    @Column(name = "admin_address", length = 320)
    private String adminAddress;

    /** Prefix of the header fields the gateway adds (e.g. "X-" gives X-Spam-Score). */
    @Column(name = "header_prefix", nullable = false, length = 40)
    private String headerPrefix;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected GatewaySettings() {
    }

    public String adminAddress() {
        return adminAddress;
    }

    public String headerPrefix() {
        return headerPrefix;
    }

    public long version() {
        return version;
    }

    public void change(String newAdminAddress, String newHeaderPrefix) {
        this.adminAddress = newAdminAddress;
        this.headerPrefix = newHeaderPrefix;
    }
}
