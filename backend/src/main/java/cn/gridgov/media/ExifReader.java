package cn.gridgov.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/** Reads GPS position, capture time and orientation from a photo's EXIF (metadata-extractor). Blocking, CPU only. */
@ApplicationScoped
public class ExifReader {

    private static final Logger LOG = Logger.getLogger(ExifReader.class);

    private final TimeZone zone;

    public ExifReader(MediaConfig config) {
        this.zone = TimeZone.getTimeZone(config.exifZone());
    }

    /** What the photo's EXIF says; {@link PhotoExif#NONE} when it has none or it cannot be read. */
    public PhotoExif read(byte[] photo) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo), photo.length);
        } catch (Exception e) {
            // a photo without readable metadata is still a photo: it just has no position or time
            LOG.debugf("no readable EXIF: %s", e.getMessage());
            return PhotoExif.NONE;
        }
        Double lng = null;
        Double lat = null;
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location != null && !location.isZero()
                && Math.abs(location.getLatitude()) <= 90 && Math.abs(location.getLongitude()) <= 180) {
            lng = location.getLongitude();
            lat = location.getLatitude();
        }
        return new PhotoExif(lng, lat, takenAt(metadata), orientation(metadata));
    }

    private Instant takenAt(Metadata metadata) {
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif == null) {
            return null;
        }
        // uses OffsetTimeOriginal when the camera wrote one, else reads the local time in our zone
        Date taken = exif.getDateOriginal(zone);
        if (taken == null) {
            taken = exif.getDateDigitized(zone);
        }
        return taken == null ? null : taken.toInstant();
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer value = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        return value == null || value < 1 || value > 8 ? 1 : value;
    }
}
