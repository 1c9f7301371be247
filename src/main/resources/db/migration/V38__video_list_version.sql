-- Lists of indexes and of an index's videos whose cost does not grow with the videos (issue 16). Runs on PostgreSQL
-- and on H2 in MODE=PostgreSQL.

-- The version of an index's video list: set in the transaction of every change to the index's videos (a video added,
-- deleted, or its user metadata replaced), with video_count. A node remembers what it has learnt of one version of a
-- list (a filtered list's count, where the pages it read begin) and uses it while the version holds: a list read in
-- one snapshot with the same version is the same list. Versions come from a sequence, which never hands out a number
-- twice, not even one of a transaction that rolled back: a version names one committed list, or none.
create sequence video_list_versions;
alter table indexes add column video_list_version bigint not null default 0;

-- The total duration of the index's videos in microseconds (the precision of a probed duration), kept with
-- video_count, so that a list of indexes does not sum every video of every index. Whole numbers, so that adding and
-- taking away never drift.
alter table indexes add column video_duration_us bigint not null default 0;
update indexes set video_duration_us = (select coalesce(sum(cast(round(v.duration * 1000000) as bigint)), 0)
    from videos v where v.account_id = indexes.account_id and v.index_id = indexes.id);
