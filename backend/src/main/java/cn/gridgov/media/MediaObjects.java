package cn.gridgov.media;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores and removes the three objects of a photo (original, display copy, thumbnail) as a unit: when one
 * fails, those already stored are removed again. Blocking (MinIO client): call it on a worker thread.
 */
@ApplicationScoped
public class MediaObjects {

    private static final Logger LOG = Logger.getLogger(MediaObjects.class);

    private final ObjectStorage storage;

    public MediaObjects(ObjectStorage storage) {
        this.storage = storage;
    }

    /** One object to store. */
    public record StoredObject(String bucket, String key, byte[] content, String contentType) {
    }

    /** Stores all or none; throws {@link StorageUnavailable} when the store fails. */
    public void storeAll(List<StoredObject> objects) {
        List<StoredObject> stored = new ArrayList<>();
        for (StoredObject object : objects) {
            try {
                storage.put(object.bucket(), object.key(), object.content(), object.contentType());
                stored.add(object);
            } catch (Exception e) {
                LOG.warnf("storing %s/%s failed: %s", object.bucket(), object.key(), e.toString());
                removeQuietly(stored);
                throw new StorageUnavailable();
            }
        }
    }

    /** Best effort: a leftover object is waste, not harm (nothing in the database points at it). */
    public void removeQuietly(List<StoredObject> objects) {
        for (StoredObject object : objects) {
            try {
                storage.remove(object.bucket(), object.key());
            } catch (Exception e) {
                LOG.warnf("could not remove %s/%s after a failed upload: %s", object.bucket(), object.key(), e.toString());
            }
        }
    }

    public String url(String bucket, String key) {
        return storage.presignedGet(bucket, key);
    }

    public StorageConfig config() {
        return storage.config();
    }
}
