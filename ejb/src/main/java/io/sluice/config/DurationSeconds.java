package io.sluice.config;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Duration;

/** A duration kept in an INTEGER column as whole seconds. */
@Converter
public class DurationSeconds implements AttributeConverter<Duration, Integer> {

    @Override
    public Integer convertToDatabaseColumn(Duration d) {
        return d == null ? null : Math.toIntExact(d.toSeconds());
    }

    @Override
    public Duration convertToEntityAttribute(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
