package cn.gridgov.media;

import java.time.Instant;
import java.util.UUID;

/**
 * One uploaded photo: where its three objects are stored, what its EXIF said, and the incident it belongs to.
 * A row of {@code media}, read and written by {@link MediaRepository} with the SQL client only: photos are
 * written in bulk with incidents (attached in the incident's transaction) and swept in sets, never edited
 * one at a time through a form.
 */
public record Media(UUID id, Long uploaderId, String contentType, long bytes, String sha256, int width, int height,
                    String originalKey, String displayKey, String displayContentType, String thumbnailKey,
                    Double exifLng, Double exifLat, Instant exifTakenAt, Long incidentId, Instant createdAt,
                    Instant hiddenAt) {
}
