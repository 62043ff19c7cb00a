package io.sluice.admin;

import io.sluice.manage.ManageException;
import io.sluice.manage.Page;
import io.sluice.manage.Violation;

import java.util.List;

/** The page and size query parameters, parsed here so that "size=abc" is a 400 naming the parameter. */
record Paging(int page, int size) {

    static Paging of(String page, String size) {
        return new Paging(number("page", page, 0), number("size", size, Page.DEFAULT_SIZE));
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ManageException.InvalidInput(List.of(new Violation(name, "must be a whole number")));
        }
    }
}
