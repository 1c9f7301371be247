-- Task lists are paged in the database, in creation or update order, for an account or one of its indexes.
create index video_tasks_account_updated on video_tasks (account_id, updated_at);
create index video_tasks_account_index_created on video_tasks (account_id, index_id, created_at);
