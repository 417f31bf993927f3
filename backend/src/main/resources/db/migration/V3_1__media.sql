-- Uploaded photos. A row is written only after all three objects are stored (see MediaService).
CREATE TABLE media (
    id                    uuid         PRIMARY KEY,
    uploader_id           bigint,
    content_type          varchar(32)  NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    bytes                 bigint       NOT NULL CHECK (bytes > 0),
    sha256                char(64)     NOT NULL,
    width                 integer      NOT NULL CHECK (width > 0),
    height                integer      NOT NULL CHECK (height > 0),
    -- private bucket: the original as uploaded, EXIF included
    original_key          varchar(256) NOT NULL,
    -- display bucket: EXIF-free re-encoded copy and thumbnail
    display_key           varchar(256) NOT NULL,
    display_content_type  varchar(32)  NOT NULL,
    thumbnail_key         varchar(256) NOT NULL,
    -- what the EXIF said: WGS-84 position and capture time, null when absent
    exif_lng              double precision,
    exif_lat              double precision,
    exif_taken_at         timestamptz,
    -- set once, when the uploader attaches the photo to an incident
    incident_id           bigint,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT media_exif_position_complete CHECK ((exif_lng IS NULL) = (exif_lat IS NULL))
);
CREATE INDEX media_incident_idx ON media (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX media_uploader_idx ON media (uploader_id, created_at);
