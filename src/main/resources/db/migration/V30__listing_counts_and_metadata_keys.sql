-- Lists whose cost does not grow with the index (issue 16). Runs on PostgreSQL and on H2 in MODE=PostgreSQL.

-- How many videos the index holds, for a list's total_results without counting its rows. Kept by the video
-- feature in the transaction that adds or removes a video (video_count = video_count + 1 or - 1, so two videos
-- added at once both count); a deleted index takes it along.
alter table indexes add column video_count bigint not null default 0;
update indexes set video_count = (select count(*) from videos v where v.account_id = indexes.account_id
    and v.index_id = indexes.id);

-- A user-metadata filter is served by an index: index_id is the video's (a video never changes index), and
-- value_key is value_text itself up to 64 characters, or its first 64 characters (63 when the 64th would split a
-- UTF-16 pair) for a longer value, which a B-tree entry could not always hold. A filter value shorter than 63
-- characters is matched by value_key alone; a longer one by value_key and value_text. Both are written with the
-- row by the application; migration 31 fills them for the rows that exist already (null only until it has run).
alter table video_metadata add column index_id varchar(24);
alter table video_metadata add column value_key varchar(64);
-- The count of a filtered list and the videos of a rare value read this index only.
create index video_metadata_value on video_metadata (account_id, index_id, name, value_key, video_id);

-- Task lists (an account's, or one index's) in creation or update order, then by id: the offset of a deep page and
-- the count walk these indexes only.
drop index video_tasks_account_created;
drop index video_tasks_account_updated;
drop index video_tasks_account_index_created;
create index video_tasks_account_created on video_tasks (account_id, created_at, id);
create index video_tasks_account_updated on video_tasks (account_id, updated_at, id);
create index video_tasks_account_index_created on video_tasks (account_id, index_id, created_at, id);
create index video_tasks_account_index_updated on video_tasks (account_id, index_id, updated_at, id);
