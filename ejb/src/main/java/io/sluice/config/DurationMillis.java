package io.sluice.config;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Duration;

/** A duration kept in an INTEGER column as milliseconds (the settings' columns predate typed durations). */
@Converter
public class DurationMillis implements AttributeConverter<Duration, Integer> {

    @Override
    public Integer convertToDatabaseColumn(Duration d) {
        return d == null ? null : Math.toIntExact(d.toMillis());
    }

    @Override
    public Duration convertToEntityAttribute(Integer millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
