-- A ticket stands for the access token it was traded for, including that token's version (claim tv): a ticket
-- traded before a logout, a disable or a role change must not open a connection after it.
DELETE FROM feed_ticket;
ALTER TABLE feed_ticket ADD COLUMN token_version integer NOT NULL;
