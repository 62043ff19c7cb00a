package io.sluice.policy;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One action of a rule as the API and the snapshot carry it; see {@link Action} for the fields. */
@JsonbPropertyOrder({"type", "code", "status", "text", "header", "value", "address", "target", "template"})
@Consistent
public record ActionSpec(ActionType type, Integer code, String status, String text, String header, String value,
                         String address, NotifyTarget target, String template) {

    static ActionSpec of(Action a) {
        return new ActionSpec(a.type(), a.code(), a.status(), a.text(), a.header(), a.value(), a.address(),
                a.target(), a.template());
    }

    /** A header edit the gateway makes itself (not configured in a policy). */
    public static ActionSpec removeHeader(String name) {
        return new ActionSpec(ActionType.REMOVE_HEADER, null, null, null, name, null, null, null, null);
    }

    /** A header the gateway adds itself (not configured in a policy). */
    public static ActionSpec addHeader(String name, String value) {
        return new ActionSpec(ActionType.ADD_HEADER, null, null, null, name, value, null, null, null);
    }

    public Action toEntity() {
        return new Action(type, code, status, text, header, value, address, target, template);
    }
}
