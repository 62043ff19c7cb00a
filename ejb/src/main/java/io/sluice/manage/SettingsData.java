package io.sluice.manage;

import io.sluice.config.GatewaySettings;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The run-time settings as the admin API reads and writes them.
 *
 * @param adminAddress where admin notifications go (none: no admin notifications)
 * @param headerPrefix prefix of the header fields the gateway adds, e.g. "X-" for X-Spam-Score
 */
@JsonbPropertyOrder({"version", "adminAddress", "headerPrefix"})
public record SettingsData(Long version,
                           @Size(max = 320) String adminAddress,
                           @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,38}",
                                   message = "must be letters, digits and dashes, e.g. X- or X-Sluice-")
                           String headerPrefix) {

    public static SettingsData of(GatewaySettings s) {
        return new SettingsData(s.version(), s.adminAddress(), s.headerPrefix());
    }
}
