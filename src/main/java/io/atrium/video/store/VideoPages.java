package io.atrium.video.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atrium.api.ApiPage;
import io.atrium.video.VideoFilter;
import io.atrium.video.VideoSummary;

/**
 * Pages of an index's video list that cost the same wherever they are in the list. A deep page's offset is walked in
 * the sort's index; at a million videos the middle page walks half a million entries. So this node remembers, for a
 * version of a list (the index's {@code video_list_version}, new with every change to its videos), where the pages
 * it has read begin and end (each a mark: the sort value and id of the row at a position), and a filtered list's
 * count; a later page is read from the nearest mark or end of the list, so that a program reading every page in turn
 * walks each entry once, and a page read again walks none. The version and the page are read in the caller's
 * snapshot (one repeatable-read transaction), so a mark is only used on exactly the list it was taken from. Every node
 * learns on its own; nothing here needs to be shared.
 */
@Component
public class VideoPages {

    /** The lists this node remembers, most recently read first out; a changed list is a new version, not an update. */
    private static final int LISTS = 1000;
    /** Marks per list; when full, every other one is let go, which keeps them spread over the list. */
    static final int MARKS_PER_LIST = 256;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    /** One version of one list in one order. */
    private record ListKey(String accountId, String indexId, long version, VideoFilter filter, String sortBy) {
    }

    /** What is known of one version of a list: its marks by position in ascending order, and its count. */
    private static final class Known {
        final ConcurrentSkipListMap<Long, VideoRepository.ListMark> marks = new ConcurrentSkipListMap<>();
        final AtomicLong count = new AtomicLong(-1);

        long count(LongSupplier counting) {
            long known = count.get();
            if (known < 0) {
                known = counting.getAsLong();
                count.set(known);
            }
            return known;
        }

        void mark(long position, VideoRepository.ListMark mark) {
            if (marks.size() >= MARKS_PER_LIST) {
                boolean drop = false;
                for (Long kept : marks.keySet()) {
                    if (drop) {
                        marks.remove(kept);
                    }
                    drop = !drop;
                }
            }
            marks.put(position, mark);
        }
    }

    private final VideoRepository videos;
    private final Cache<ListKey, Known> lists = Caffeine.newBuilder().maximumSize(LISTS)
            .expireAfterAccess(FORGET_AFTER).build();

    VideoPages(VideoRepository videos) {
        this.videos = videos;
    }

    /**
     * One page of the index's videos that meet the filter, with the count of them all, as {@link ApiPage#read} would
     * read it. Call it in a repeatable-read transaction, after checking that the index is the account's.
     */
    public ApiPage<VideoSummary> read(String accountId, String indexId, VideoFilter filter, ApiPage.Request request) {
        VideoRepository.ListState state = videos.listState(accountId, indexId);
        Known known = lists.get(new ListKey(accountId, indexId, state.version(), filter, request.sortBy()),
                key -> new Known());
        LongSupplier total = filter.equals(VideoFilter.NONE) ? state::videoCount
                : () -> known.count(() -> videos.count(accountId, indexId, filter));
        boolean oneValue = VideoRepository.oneMetadataValue(filter);
        if (request.offset() == 0 && !oneValue) {
            return ApiPage.of(videos.page(accountId, indexId, filter, VideoRepository.Slice.first(request.sortBy(),
                    request.descending(), request.limit())), request, total);
        }
        // a list of one metadata value is counted first (through the metadata index): the count decides its reading
        long count = total.getAsLong();
        if (request.offset() >= count) {
            return ApiPage.of(List.of(), request, count);
        }
        int size = (int) Math.min(request.limit(), count - request.offset());
        // the page's positions in ascending order: [first, first + size)
        long first = request.descending() ? count - request.offset() - size : request.offset();
        List<VideoSummary> ascending = readAscending(accountId, indexId, filter, request.sortBy(), known, count, first,
                size, oneValue ? state.videoCount() : 0);
        if (ascending.size() == size) {
            known.mark(first, mark(ascending.get(0), request.sortBy()));
            known.mark(first + size - 1, mark(ascending.get(size - 1), request.sortBy()));
        }
        if (request.descending()) {
            Collections.reverse(ascending);
        }
        return ApiPage.of(ascending, request, count);
    }

    /**
     * The rows at ascending positions {@code [first, first + size)}, read from whichever known place skips fewest
     * entries: the start or the end of the list, the nearest mark before the page (reading up) or after it (reading
     * down).
     *
     * @param videosInIndex for a list of one metadata value, all the index's videos; otherwise 0
     */
    private List<VideoSummary> readAscending(String accountId, String indexId, VideoFilter filter, String sortBy,
            Known known, long count, long first, int size, long videosInIndex) {
        long last = first + size - 1;
        VideoRepository.ListMark from = null;
        boolean down = count - 1 - last < first;
        long skip = down ? count - 1 - last : first;
        Map.Entry<Long, VideoRepository.ListMark> below = known.marks.floorEntry(first);
        if (below != null && first - below.getKey() < skip) {
            from = below.getValue();
            down = false;
            skip = first - below.getKey();
        }
        Map.Entry<Long, VideoRepository.ListMark> above = known.marks.ceilingEntry(last);
        if (above != null && above.getKey() - last < skip) {
            from = above.getValue();
            down = true;
            skip = above.getKey() - last;
        }
        // Walking the sort's index passes about videosInIndex / count videos for each one of the value it finds, each
        // checked against the metadata; going through the value's entries reads each of them and its video (about
        // three times the work of a video passed), then sorts them: whichever reads fewer.
        boolean throughMetadata = videosInIndex > 0
                && 3 * count * (double) count < (skip + size) * (double) videosInIndex;
        List<VideoSummary> rows = new ArrayList<>(videos.page(accountId, indexId, filter,
                new VideoRepository.Slice(sortBy, down, from, size, skip, throughMetadata)));
        if (down) {
            Collections.reverse(rows);
        }
        return rows;
    }

    private static VideoRepository.ListMark mark(VideoSummary video, String sortBy) {
        Instant value = sortBy.equals("created_at") ? video.createdAt() : video.updatedAt();
        return new VideoRepository.ListMark(value, video.id());
    }
}
