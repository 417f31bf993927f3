-- Every photo has a real uploader (system uploads would need a system user).
ALTER TABLE media ADD CONSTRAINT media_uploader_fk FOREIGN KEY (uploader_id) REFERENCES app_user (id);
