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

        // a valid token of a user that does not exist: the media row's uploader key refuses it after storing
        String ghost = TestTokens.resident(900_000_000L);
        given().auth().oauth2(ghost)
                .multiPart("file", "tmp_" + UUID.randomUUID() + ".jpg", TestPhotos.jpeg(80, 60), "application/octet-stream")
                .when().post("/api/v1/media")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));

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
