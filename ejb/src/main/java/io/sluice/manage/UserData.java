package io.sluice.manage;

import io.sluice.security.AdminUser;
import io.sluice.security.Role;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A user of the admin API as the API shows it (never with the password), and as it is created or
 * changed: {@code password} is only read, on create.
 */
@JsonbPropertyOrder({"username", "role", "createdAt", "version", "password"})
public record UserData(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+",
                               message = "may contain letters, digits, dots, dashes, underscores and @")
                       String username,
                       @NotNull Role role,
                       Instant createdAt,
                       Long version,
                       @Size(min = 12, max = 200, message = "must be 12 to 200 characters long") String password) {

    public static UserData of(AdminUser u) {
        return new UserData(u.username(), u.role(), u.createdAt(), u.version(), null);
    }

    /** A new password, as PUT /users/{name}/password takes it. */
    public record Password(@NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters long")
                           String password) {
    }
}
