-- The container FFmpeg read a stored video as (VideoContainer): it, not the uploaded name, decides the type the
-- video is served as. Videos stored before this column existed have none and are served as bytes.
alter table video_tasks add column container varchar(16);
alter table videos add column container varchar(16);
