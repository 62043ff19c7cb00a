package io.sluice.quarantine;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * A quarantined message made safe to look at: header fields decoded to text, the text parts as
 * plain text (HTML reduced to its text, so nothing active is ever shown) and the attachments by
 * name and type only.
 */
@JsonbPropertyOrder({"message", "headers", "texts", "attachments"})
public record QuarantineView(QuarantinedMessage message, List<Header> headers, List<Text> texts,
                             List<AttachmentInfo> attachments) {

    @JsonbPropertyOrder({"name", "value"})
    public record Header(String name, String value) {
    }

    @JsonbPropertyOrder({"contentType", "text"})
    public record Text(String contentType, String text) {
    }

    @JsonbPropertyOrder({"name", "declaredType", "detectedType", "size"})
    public record AttachmentInfo(String name, String declaredType, String detectedType, long size) {
    }
}
