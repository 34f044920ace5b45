package org.descentobservatory.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.util.Set;

/**
 * One bucket of an S3-protocol store, through the MinIO client: whole objects in and out as byte arrays (the
 * services' objects are a few hundred KB). MinIO's many checked exceptions become one unchecked
 * {@link StoreException}, or {@link MissingObjectException} when the store says the object or bucket is not there.
 * Thread-safe; close it to release the HTTP client's connections.
 */
public final class ObjectStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);

    /** S3 error codes meaning "nothing there", as opposed to an unreachable or failing store. */
    private static final Set<String> MISSING_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");

    /** S3 error code of a bucket creation that lost a race with another creator using the same credentials. */
    private static final String ALREADY_OWNED = "BucketAlreadyOwnedByYou";

    private final MinioClient client;
    private final String endpoint;
    private final String bucket;

    /** A client for {@code settings.bucket()}; connects lazily, on the first request. */
    public ObjectStore(StoreSettings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        this.endpoint = settings.endpoint();
        this.bucket = settings.bucket();
    }

    /**
     * Creates the bucket if it does not exist, so that a fresh store works without provisioning; calling it at
     * startup also makes a wrong endpoint or key fail the start rather than the first write.
     *
     * @throws StoreException if the store cannot be reached or refuses
     */
    public void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("Created bucket %s at %s", bucket, endpoint);
            }
        } catch (Exception e) {
            if (!ALREADY_OWNED.equals(code(e))) {
                throw new StoreException("Cannot reach or create bucket " + bucket + " at " + endpoint + ": "
                        + reason(e), e);
            }
        }
    }

    /**
     * Stores {@code bytes} under {@code key}, replacing any object there; returns once the store has acknowledged
     * the whole object.
     *
     * @throws StoreException if the store cannot be reached or refuses (including a missing bucket)
     */
    public void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw new StoreException("Cannot store " + describe(key) + " (" + bytes.length + " bytes): "
                    + reason(e), e);
        }
    }

    /**
     * The whole object under {@code key}.
     *
     * @throws MissingObjectException if the store has no such object or bucket
     * @throws StoreException         if the store cannot be reached or refuses
     */
    public byte[] get(String key) {
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return response.readAllBytes();
        } catch (Exception e) {
            if (MISSING_CODES.contains(code(e))) {
                throw new MissingObjectException("No object " + describe(key) + ": " + reason(e), e);
            }
            throw new StoreException("Cannot read " + describe(key) + ": " + reason(e), e);
        }
    }

    /**
     * Deletes the object under {@code key}; deleting an object that is not there succeeds (S3 semantics), so a
     * retried delete is harmless.
     *
     * @throws StoreException if the store cannot be reached or refuses
     */
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StoreException("Cannot delete " + describe(key) + ": " + reason(e), e);
        }
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new StoreException("Cannot close the client of " + endpoint, e);
        }
    }

    private String describe(String key) {
        return key + " in bucket " + bucket + " at " + endpoint;
    }

    /** The S3 error code the store answered, or "" if it did not answer one (e.g. it could not be reached). */
    private static String code(Exception e) {
        return e instanceof ErrorResponseException refused ? refused.errorResponse().code() : "";
    }

    /** The store's S3 error code when it answered one, else the client-side failure (e.g. connection refused). */
    private static String reason(Exception e) {
        String code = code(e);
        return code.isEmpty() ? e.toString() : code;
    }
}
