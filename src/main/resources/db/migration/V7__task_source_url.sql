-- A task made from a video_url keeps the address it downloads from; the file is fetched by the worker,
-- so object_key stays null until the download is stored. Runs on PostgreSQL and on H2 in MODE=PostgreSQL.
alter table video_tasks add column source_url varchar(2048);
