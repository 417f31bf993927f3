-- Building and grid codes (mini-program codes residents scan): each node gets a short code of its own once;
-- the code's scene is "r=<scene_code>" (at most 32 characters, WeChat's limit). The PNG is generated once and
-- kept in object storage under object_key (null until the first generation succeeded).
CREATE TABLE region_scene (
    region_id    bigint        PRIMARY KEY REFERENCES region (id) ON DELETE CASCADE,
    scene_code   varchar(16)   NOT NULL UNIQUE,
    object_key   varchar(200),
    page         varchar(200),
    generated_at timestamptz,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT region_scene_code_chars CHECK (scene_code ~ '^[a-z0-9]{4,16}$')
);
