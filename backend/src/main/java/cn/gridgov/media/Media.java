package cn.gridgov.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One uploaded photo: where its three objects are stored, what its EXIF said, and the incident it belongs to. */
@Entity
@Table(name = "media")
public class Media {

    @Id
    public UUID id;

    @Column(name = "uploader_id")
    public Long uploaderId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "original_key", nullable = false)
    public String originalKey;

    @Column(name = "display_key", nullable = false)
    public String displayKey;

    @Column(name = "display_content_type", nullable = false)
    public String displayContentType;

    @Column(name = "thumbnail_key", nullable = false)
    public String thumbnailKey;

    @Column(name = "exif_lng")
    public Double exifLng;

    @Column(name = "exif_lat")
    public Double exifLat;

    @Column(name = "exif_taken_at")
    public Instant exifTakenAt;

    @Column(name = "incident_id")
    public Long incidentId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
