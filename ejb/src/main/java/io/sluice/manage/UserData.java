package io.sluice.manage;

import io.sluice.security.AdminUser;
import io.sluice.security.Role;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * A user of the admin API as the API shows it (never with the password), and as it is created or
 * changed: {@code password} is only read, on create. {@code domains}: what a domain administrator
 * administers (required for that role, refused for the others).
 */
@JsonbPropertyOrder({"username", "role", "domains", "createdAt", "version", "password"})
public record UserData(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+",
                               message = "may contain letters, digits, dots, dashes, underscores and @")
                       String username,
                       @NotNull Role role,
                       @Size(max = 500) List<@NotNull @Pattern(regexp = DOMAIN, message = "must be a domain name "
                               + "such as example.com") String> domains,
                       Instant createdAt,
                       Long version,
                       @Size(min = 12, max = 200, message = "must be 12 to 200 characters long") String password) {

    /** A domain name: labels of letters, digits and dashes, at least two of them. */
    static final String DOMAIN = "(?i)(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    public static UserData of(AdminUser u) {
        return new UserData(u.username(), u.role(), u.role() == Role.domainadmin ? List.copyOf(new TreeSet<>(u.domains()))
                : null, u.createdAt(), u.version(), null);
    }

    /** A new password, as PUT /users/{name}/password takes it. */
    public record Password(@NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters long")
                           String password) {
    }
}
