package io.sluice.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** The filter of a rule; which of the optional fields matter depends on the {@link FilterType}. */
@Embeddable
public class Filter {

    @Enumerated(EnumType.STRING)
    @Column(name = "filter_type", nullable = false, length = 32)
    private FilterType type;

    @Column(name = "filter_header", length = 200)
    private String header;

    @Column(name = "filter_pattern", length = 2000)
    private String pattern;

    @Column(name = "filter_threshold")
    private Double threshold;

    @Column(name = "filter_regex", nullable = false)
    private boolean regex;

    @Column(name = "filter_case_insensitive", nullable = false)
    private boolean caseInsensitive;

    protected Filter() {
    }

    public Filter(FilterType type, String header, String pattern, Double threshold, boolean regex,
                  boolean caseInsensitive) {
        this.type = type;
        this.header = header;
        this.pattern = pattern;
        this.threshold = threshold;
        this.regex = regex;
        this.caseInsensitive = caseInsensitive;
    }

    public FilterType type() {
        return type;
    }

    public String header() {
        return header;
    }

    public String pattern() {
        return pattern;
    }

    public Double threshold() {
        return threshold;
    }

    public boolean regex() {
        return regex;
    }

    public boolean caseInsensitive() {
        return caseInsensitive;
    }
}
