package io.sluice.manage;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the items on this page
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many items there are in all
 */
@JsonbPropertyOrder({"items", "page", "size", "total"})
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
}
