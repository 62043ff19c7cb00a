package io.sluice.notify;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A notification template as the admin API reads and writes it; the name is its key. */
@JsonbPropertyOrder({"name", "version", "subject", "body"})
public record TemplateData(@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}", message = "must be lower-case letters, digits and dashes")
                           String name,
                           Long version,
                           @NotBlank @Size(max = 500) String subject,
                           @NotBlank @Size(max = 20000) String body) {

    static TemplateData of(NotificationTemplate t) {
        return new TemplateData(t.name(), t.version(), t.subject(), t.body());
    }
}
