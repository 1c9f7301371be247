package io.atrium.api;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.shared.InvalidInputException;

/**
 * A page of a list in the API's format: {@code {"data": [...], "page_info": {...}}} (api.md conventions). A
 * page past the end is an empty page, not an error.
 */
public record ApiPage<T>(List<T> data, @JsonProperty("page_info") PageInfo pageInfo) {

    public record PageInfo(@JsonProperty("limit_per_page") int limitPerPage, int page,
            @JsonProperty("total_page") int totalPage, @JsonProperty("total_results") int totalResults) {
    }

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;

    /**
     * Sorts and cuts a list that is already bounded in size (members, keys, invitations of one account).
     *
     * @param createdAt and {@code updatedAt} give the sort keys {@code created_at} and {@code updated_at}
     * @throws InvalidInputException for a page, limit, sort field or order outside the conventions
     */
    public static <T, K extends Comparable<K>> ApiPage<T> of(List<T> items, Integer page, Integer pageLimit,
            String sortBy, String sortOption, Function<T, K> createdAt, Function<T, K> updatedAt) {
        Window window = Window.of(page, pageLimit);
        int number = window.page();
        int limit = window.limit();
        Function<T, K> key = switch (sortBy == null ? "created_at" : sortBy) {
            case "created_at" -> createdAt;
            case "updated_at" -> updatedAt;
            default -> throw new InvalidInputException("sort_by", "parameter_invalid",
                    "sort_by must be created_at or updated_at.");
        };
        Comparator<T> order = Comparator.comparing(key);
        switch (sortOption == null ? "desc" : sortOption) {
            case "desc" -> order = order.reversed();
            case "asc" -> { }
            default -> throw new InvalidInputException("sort_option", "parameter_invalid",
                    "sort_option must be asc or desc.");
        }
        List<T> sorted = items.stream().sorted(order).toList();
        int from = Math.min((number - 1) * limit, sorted.size());
        int to = Math.min(from + limit, sorted.size());
        int totalPages = (sorted.size() + limit - 1) / limit;
        return new ApiPage<>(sorted.subList(from, to), new PageInfo(limit, number, totalPages, sorted.size()));
    }

    /** A page the database already cut to the window (LIMIT and OFFSET), with the total it counted. */
    public static <T> ApiPage<T> of(List<T> data, Window window, long totalResults) {
        int total = Math.toIntExact(totalResults);
        return new ApiPage<>(data, new PageInfo(window.limit(), window.page(), (total + window.limit() - 1) / window.limit(), total));
    }

    /** Which page a caller asked for, checked against the conventions: {@code page} ≥ 1, {@code page_limit} 1…50. */
    public record Window(int page, int limit) {

        /** @throws InvalidInputException for a page or limit outside the conventions */
        public static Window of(Integer page, Integer pageLimit) {
            int number = page == null ? 1 : page;
            int limit = pageLimit == null ? DEFAULT_LIMIT : pageLimit;
            if (number < 1) {
                throw new InvalidInputException("page", "parameter_invalid", "page must be 1 or more.");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidInputException("page_limit", "parameter_invalid",
                        "page_limit must be between 1 and " + MAX_LIMIT + ".");
            }
            return new Window(number, limit);
        }
    }
}
