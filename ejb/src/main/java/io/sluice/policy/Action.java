package io.sluice.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One action of a rule; which of the optional fields matter depends on the {@link ActionType}. */
@Embeddable
public class Action {

    @Enumerated(EnumType.STRING)
    @Column(name = "type", nullable = false, length = 32)
    private ActionType type;

    /** REJECT: the reply code (4xx or 5xx). */
    @Column(name = "reply_code")
    private Integer code;

    /** REJECT: the enhanced status code, of the code's class. */
    @Column(name = "reply_status", length = 16)
    private String status;

    /** REJECT: reply text; TAG_SUBJECT: the tag; DISCLAIMER: the text appended to text parts. */
    @Column(name = "text", length = 4000)
    private String text;

    /** ADD_HEADER, REMOVE_HEADER: the field name. */
    @Column(name = "header", length = 200)
    private String header;

    /** ADD_HEADER: the field value; STRIP_ATTACHMENT: the file name glob ("*.exe"). */
    @Column(name = "header_value", length = 1000)
    private String value;

    /** ARCHIVE, REDIRECT: the address mail goes to. */
    @Column(name = "address", length = 320)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "target", length = 16)
    private NotifyTarget target;

    /** NOTIFY: the name of the notification template. */
    @Column(name = "template", length = 100)
    private String template;

    protected Action() {
    }

    public Action(ActionType type, Integer code, String status, String text, String header, String value,
                  String address, NotifyTarget target, String template) {
        this.type = type;
        this.code = code;
        this.status = status;
        this.text = text;
        this.header = header;
        this.value = value;
        this.address = address;
        this.target = target;
        this.template = template;
    }

    public ActionType type() {
        return type;
    }

    public Integer code() {
        return code;
    }

    public String status() {
        return status;
    }

    public String text() {
        return text;
    }

    public String header() {
        return header;
    }

    public String value() {
        return value;
    }

    public String address() {
        return address;
    }

    public NotifyTarget target() {
        return target;
    }

    public String template() {
        return template;
    }
}
