package io.sluice.policy;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The filter of a rule as the API and the snapshot carry it; see {@link FilterType} for which
 * fields each type uses.
 */
@JsonbPropertyOrder({"type", "header", "pattern", "threshold", "regex", "caseInsensitive"})
@Consistent
public record FilterSpec(FilterType type, String header, String pattern, Double threshold, boolean regex,
                         boolean caseInsensitive) {

    public static final FilterSpec ALWAYS = new FilterSpec(FilterType.ALWAYS, null, null, null, false, false);

    static FilterSpec of(Filter f) {
        return new FilterSpec(f.type(), f.header(), f.pattern(), f.threshold(), f.regex(), f.caseInsensitive());
    }

    public Filter toEntity() {
        return new Filter(type, header, pattern, threshold, regex, caseInsensitive);
    }
}
