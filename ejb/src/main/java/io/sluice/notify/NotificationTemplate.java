package io.sluice.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A stored notification text: subject and body with ${placeholders}. */
@Entity
@Table(name = "notification_template")
public class NotificationTemplate {

    @Id
    @Column(name = "name", length = 100)
    private String name;

    @Column(name = "subject", nullable = false, length = 500)
    private String subject;

    @Column(name = "body", nullable = false, length = 20000)
    private String body;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected NotificationTemplate() {
    }

    public NotificationTemplate(String name, String subject, String body) {
        this.name = name;
        change(subject, body);
    }

    public void change(String newSubject, String newBody) {
        this.subject = newSubject;
        this.body = newBody;
    }

    public String name() {
        return name;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public long version() {
        return version;
    }
}
