package io.atrium.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.shared.InvalidInputException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A page of a list in the API's format: {@code {"data": [...], "page_info": {...}}} (api.md conventions). A
 * page past the end is an empty page, not an error.
 */
public record ApiPage<T>(List<T> data, @JsonProperty("page_info") PageInfo pageInfo) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PageInfo(int limitPerPage, int page,
            int totalPage, int totalResults) {
    }

    /**
     * Which page to show and in which order, checked against the conventions.
     *
     * @param sortBy {@code created_at} or {@code updated_at}
     */
    public record Request(int page, int limit, String sortBy, boolean descending) {

        /** How many items come before this page (a long: a huge page number must not wrap around). */
        public long offset() {
            return (long) (page - 1) * limit;
        }
    }

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;

    /**
     * Applies the defaults and checks a page request.
     *
     * @throws InvalidInputException for a page, limit, sort field or order outside the conventions
     */
    public static Request request(Integer page, Integer pageLimit, String sortBy, String sortOption) {
        int number = page == null ? 1 : page;
        int limit = pageLimit == null ? DEFAULT_LIMIT : pageLimit;
        if (number < 1) {
            throw new InvalidInputException("page", "parameter_invalid", "page must be 1 or more.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("page_limit", "parameter_invalid",
                    "page_limit must be between 1 and " + MAX_LIMIT + ".");
        }
        String field = sortBy == null ? "created_at" : sortBy;
        if (!field.equals("created_at") && !field.equals("updated_at")) {
            throw new InvalidInputException("sort_by", "parameter_invalid",
                    "sort_by must be created_at or updated_at.");
        }
        boolean descending = switch (sortOption == null ? "desc" : sortOption) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new InvalidInputException("sort_option", "parameter_invalid",
                    "sort_option must be asc or desc.");
        };
        return new Request(number, limit, field, descending);
    }

    /** A page that was already cut (by the database) from a list of {@code totalResults} items. */
    public static <T> ApiPage<T> of(List<T> page, Request request, long totalResults) {
        int totalPages = (int) ((totalResults + request.limit() - 1) / request.limit());
        return new ApiPage<>(page, new PageInfo(request.limit(), request.page(), totalPages, (int) totalResults));
    }

    /**
     * A page cut by the database, counting the whole list only when the page does not show where it ends (a
     * short page, or an empty first page).
     */
    public static <T> ApiPage<T> of(List<T> page, Request request, LongSupplier totalResults) {
        boolean endShown = page.size() < request.limit() && (!page.isEmpty() || request.offset() == 0);
        return of(page, request, endShown ? request.offset() + page.size() : totalResults.getAsLong());
    }

    /** Reads a slice of a list from the database: {@code limit} items after {@code offset}, in one direction. */
    @FunctionalInterface
    public interface Slice<T> {
        List<T> read(boolean descending, int limit, long offset);
    }

    /**
     * A page read by the database: the first page at once, counting the list only when the page does not show where it
     * ends; any other page after the count, from {@link #nearerEnd whichever end of the list is nearer}. Call it in
     * one transaction (a snapshot, such as repeatable read) so that the count and the page agree.
     */
    public static <T> ApiPage<T> read(Request request, Slice<T> slice, LongSupplier totalResults) {
        if (request.offset() == 0) {
            return of(slice.read(request.descending(), request.limit(), 0), request, totalResults);
        }
        return nearerEnd(request, totalResults.getAsLong(), slice);
    }

    /**
     * A page of a list of {@code totalResults} items, read from whichever end of the list is nearer: a page past the
     * middle is read in the opposite order with the offset counted from the end, then put back in the order asked
     * for, so the database skips at most half the list (the last page skips nothing). The order must be total (ties
     * broken by the id) for both readings to give the same page.
     */
    public static <T> ApiPage<T> nearerEnd(Request request, long totalResults, Slice<T> slice) {
        long offset = request.offset();
        if (offset >= totalResults) {
            return of(List.of(), request, totalResults);
        }
        long end = Math.min(offset + request.limit(), totalResults);
        if (offset <= totalResults - end) {
            return of(slice.read(request.descending(), request.limit(), offset), request, totalResults);
        }
        List<T> reversed = new ArrayList<>(slice.read(!request.descending(), (int) (end - offset), totalResults - end));
        Collections.reverse(reversed);
        return of(reversed, request, totalResults);
    }

    /**
     * Sorts and cuts a list that is already bounded in size (members, keys, invitations of one account).
     *
     * @param createdAt and {@code updatedAt} give the sort keys {@code created_at} and {@code updated_at}
     * @throws InvalidInputException for a page, limit, sort field or order outside the conventions
     */
    public static <T, K extends Comparable<K>> ApiPage<T> of(List<T> items, Integer page, Integer pageLimit,
            String sortBy, String sortOption, Function<T, K> createdAt, Function<T, K> updatedAt) {
        Request request = request(page, pageLimit, sortBy, sortOption);
        Comparator<T> order = Comparator.comparing(request.sortBy().equals("created_at") ? createdAt : updatedAt);
        List<T> sorted = items.stream().sorted(request.descending() ? order.reversed() : order).toList();
        int from = (int) Math.min(request.offset(), sorted.size());
        int to = Math.min(from + request.limit(), sorted.size());
        return of(sorted.subList(from, to), request, sorted.size());
    }
}
