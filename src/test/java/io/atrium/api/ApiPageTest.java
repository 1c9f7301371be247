package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

import io.atrium.shared.InvalidInputException;

/**
 * The list parameters every API list reads ({@code page}, {@code page_limit}, {@code sort_by},
 * {@code sort_option}) and when a page needs the count of the whole list: plain unit tests, no application.
 */
class ApiPageTest {

    @Test
    void defaultsAreTheFirstPageOfTenNewestFirst() {
        assertThat(ApiPage.request(null, null, null, null)).isEqualTo(new ApiPage.Request(1, 10, "created_at", true));
        assertThat(ApiPage.request(3, 50, "updated_at", "asc")).isEqualTo(new ApiPage.Request(3, 50, "updated_at", false));
    }

    @Test
    void refusesParametersOutsideTheConventionsNamingTheField() {
        assertRefused(0, null, null, null, "page");
        assertRefused(-1, null, null, null, "page");
        assertRefused(null, 0, null, null, "page_limit");
        assertRefused(null, 51, null, null, "page_limit");
        assertRefused(null, null, "size", null, "sort_by");
        assertRefused(null, null, "CREATED_AT", null, "sort_by");
        assertRefused(null, null, null, "descending", "sort_option");
    }

    @Test
    void aHugePageNumberDoesNotWrapTheOffset() {
        assertThat(ApiPage.request(Integer.MAX_VALUE, 50, null, null).offset())
                .isEqualTo((long) (Integer.MAX_VALUE - 1) * 50).isPositive();
    }

    @Test
    void countsTheWholeListOnlyWhenThePageDoesNotShowItsEnd() {
        AtomicInteger counted = new AtomicInteger();
        ApiPage.Request second = ApiPage.request(2, 2, null, null);
        // a short page ends the list: its total is known without a count
        ApiPage<String> last = ApiPage.of(List.of("e"), second, count(counted, 99));
        assertThat(last.pageInfo()).isEqualTo(new ApiPage.PageInfo(2, 2, 2, 3));
        assertThat(counted).hasValue(0);
        // a full page, or an empty page past the end, asks for the count
        ApiPage<String> full = ApiPage.of(List.of("c", "d"), second, count(counted, 7));
        assertThat(full.pageInfo()).isEqualTo(new ApiPage.PageInfo(2, 2, 4, 7));
        ApiPage<String> past = ApiPage.of(List.of(), ApiPage.request(9, 2, null, null), count(counted, 7));
        assertThat(past.data()).isEmpty();
        assertThat(past.pageInfo()).isEqualTo(new ApiPage.PageInfo(2, 9, 4, 7));
        assertThat(counted).hasValue(2);
        // an empty first page is an empty list
        assertThat(ApiPage.of(List.of(), ApiPage.request(null, null, null, null), () -> 5L).pageInfo())
                .isEqualTo(new ApiPage.PageInfo(10, 1, 0, 0));
    }

    @Test
    void sortsAndCutsABoundedList() {
        List<Integer> items = List.of(3, 1, 2);
        ApiPage<Integer> page = ApiPage.of(items, 1, 2, "created_at", "asc", i -> i, i -> -i);
        assertThat(page.data()).containsExactly(1, 2);
        assertThat(page.pageInfo()).isEqualTo(new ApiPage.PageInfo(2, 1, 2, 3));
        assertThat(ApiPage.of(items, 2, 2, "updated_at", "asc", i -> i, i -> -i).data()).containsExactly(1);
        assertThat(ApiPage.of(items, 5, 2, null, null, i -> i, i -> -i).data()).isEmpty();
    }

    /** The count of the whole list, noting that it was asked for. */
    private static LongSupplier count(AtomicInteger asked, long total) {
        return () -> {
            asked.incrementAndGet();
            return total;
        };
    }

    private static void assertRefused(Integer page, Integer limit, String sortBy, String sortOption, String field) {
        assertThatThrownBy(() -> ApiPage.request(page, limit, sortBy, sortOption))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).extracting(InvalidInputException.Problem::field).containsExactly(field);
                    assertThat(e.hasCode("parameter_invalid")).isTrue();
                });
    }
}
