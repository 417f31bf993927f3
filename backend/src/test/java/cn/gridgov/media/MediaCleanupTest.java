package cn.gridgov.media;

import cn.gridgov.identity.TestTokens;
import io.minio.ListObjectsArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** When the row cannot be written after the objects were stored, the objects are removed again. */
@QuarkusTest
@TestProfile(OwnBucketsProfile.class)
class MediaCleanupTest {

    @Inject
    ObjectStorage storage;

    @Inject
    Pool db;

    @Test
    void objectsAreRemovedWhenTheRowCannotBeWritten() throws Exception {
        MediaUploadTest.wxUpload(TestPhotos.jpeg(80, 60)).then().statusCode(201);
        assertEquals(3, objects().size(), "original, display copy and thumbnail of the first photo: " + objects());
        long rows = count();

        // a user removed while the upload runs (after the token was checked): the media row's uploader key
        // refuses the row after the objects were stored; a trigger plays that foreign key's part for this user
        TestTokens.Resident removed = TestTokens.resident();
        db.query("CREATE FUNCTION test_uploader_gone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.uploader_id = " + removed.userId() + " THEN RAISE foreign_key_violation USING "
                + "MESSAGE = 'insert or update on table \"media\" violates foreign key constraint \"media_uploader_fk\"', CONSTRAINT = 'media_uploader_fk'; "
                + "END IF; RETURN NEW; END $$").execute().await().indefinitely();
        db.query("CREATE TRIGGER test_uploader_gone BEFORE INSERT ON media FOR EACH ROW EXECUTE FUNCTION test_uploader_gone()")
                .execute().await().indefinitely();
        try {
            given().auth().oauth2(removed.token())
                    .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", TestPhotos.jpeg(80, 60), "application/octet-stream")
                    .when().post("/api/v1/media")
                    .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        } finally {
            db.query("DROP TRIGGER test_uploader_gone ON media").execute().await().indefinitely();
            db.query("DROP FUNCTION test_uploader_gone()").execute().await().indefinitely();
        }

        assertEquals(rows, count(), "no row");
        assertEquals(3, objects().size(), "the second photo's objects were removed again");
    }

    @AfterEach
    void dropTheBuckets() throws Exception {
        for (String bucket : List.of(storage.config().originalsBucket(), storage.config().displayBucket())) {
            for (Result<Item> item : storage.client().listObjects(ListObjectsArgs.builder().bucket(bucket)
                    .recursive(true).build())) {
                storage.client().removeObject(RemoveObjectArgs.builder().bucket(bucket)
                        .object(item.get().objectName()).build());
            }
            storage.client().removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        }
    }

    private List<String> objects() throws Exception {
        List<String> names = new ArrayList<>();
        for (String bucket : List.of(storage.config().originalsBucket(), storage.config().displayBucket())) {
            for (Result<Item> item : storage.client().listObjects(ListObjectsArgs.builder().bucket(bucket)
                    .recursive(true).build())) {
                // the file-system backend of S3Proxy also lists the folders of key prefixes
                if (!item.get().isDir() && !item.get().objectName().endsWith("/")) {
                    names.add(bucket + "/" + item.get().objectName());
                }
            }
        }
        return names;
    }

    private long count() {
        return db.query("SELECT count(*) FROM media").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
