package io.sluice.api;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Facts the listener attaches to a transaction (the policy it is bound to, say), typed by their
 * keys. The engine carries them from phase to phase without knowing what they mean. Immutable.
 */
public final class Attributes implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Attributes NONE = new Attributes(Map.of());

    /**
     * A typed name. Two keys are the same when name and type are; a listener keeps its keys as
     * constants.
     */
    public record Key<T extends Serializable>(String name, Class<T> type) implements Serializable {
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        public static <T extends Serializable> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type);
        }
    }

    private final Map<Key<?>, Serializable> values;

    private Attributes(Map<Key<?>, Serializable> values) {
        this.values = values;
    }

    public static <T extends Serializable> Attributes of(Key<T> key, T value) {
        return NONE.with(key, value);
    }

    /** The value under {@code key}, or {@code null}. */
    public <T extends Serializable> T get(Key<T> key) {
        return key.type().cast(values.get(key));
    }

    /** These attributes with {@code key} set to {@code value} (replacing any value it had). */
    public <T extends Serializable> Attributes with(Key<T> key, T value) {
        Map<Key<?>, Serializable> copy = new LinkedHashMap<>(values);
        copy.put(key, key.type().cast(Objects.requireNonNull(value, "value")));
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    /** These attributes with all of {@code other}'s set over them. */
    public Attributes withAll(Attributes other) {
        if (other.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return other;
        }
        Map<Key<?>, Serializable> copy = new LinkedHashMap<>(values);
        copy.putAll(other.values);
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k.name()).append('=').append(v));
        return sb.append('}').toString();
    }
}
