-- Access tokens carry their account's token version (claim "tv") and are refused once it moved on: disabling
-- an account, changing its roles or password, and logging out raise it, which ends its access tokens at once.
ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0;

-- A refresh family (one login) ends at family_expires_at however often it is rotated (gridgov.jwt.refresh-family-lifetime).
ALTER TABLE refresh_token ADD COLUMN family_expires_at timestamptz;
UPDATE refresh_token t SET family_expires_at = f.started + interval '30 days'
FROM (SELECT family_id, min(issued_at) AS started FROM refresh_token GROUP BY family_id) f
WHERE f.family_id = t.family_id;
ALTER TABLE refresh_token ALTER COLUMN family_expires_at SET NOT NULL;
