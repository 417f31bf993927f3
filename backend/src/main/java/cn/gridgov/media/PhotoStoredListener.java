package cn.gridgov.media;

import io.smallrye.mutiny.Uni;

/**
 * Told of every photo once it is stored (its row written), with a fresh presigned URL of its display copy: the
 * content check of residents' photos listens here. A listener handles its own failures: the upload has succeeded.
 */
public interface PhotoStoredListener {

    Uni<Void> stored(Media media, String displayUrl);
}
