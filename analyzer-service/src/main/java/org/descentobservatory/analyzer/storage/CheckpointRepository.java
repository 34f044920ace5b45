package org.descentobservatory.analyzer.storage;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.analyzer.config.AnalyzerConfig;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Set;

/** Reads the objects the trainer stored (checkpoint zips, probe sets) from the S3 store. */
@ApplicationScoped
public class CheckpointRepository {

    /** S3 error codes meaning "nothing there", as opposed to an unreachable or failing store. */
    private static final Set<String> MISSING_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");

    private final MinioClient client;
    private final String bucket;

    public CheckpointRepository(AnalyzerConfig config) {
        AnalyzerConfig.Store store = config.store();
        this.client = MinioClient.builder()
                .endpoint(store.endpoint())
                .credentials(store.accessKey(), store.secretKey())
                .build();
        this.bucket = store.bucket();
    }

    /**
     * The whole object under {@code key}.
     *
     * @throws MissingObjectException if there is no such object or bucket
     * @throws UncheckedIOException   if the store cannot be read
     */
    public byte[] get(String key) {
        try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return response.readAllBytes();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (MISSING_CODES.contains(code)) {
                throw new MissingObjectException(bucket, key, code);
            }
            throw new UncheckedIOException(new IOException("Store refused " + key + ": " + code, e));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + key + " from bucket " + bucket, e);
        } catch (Exception e) {
            // MinIO declares a zoo of checked exceptions (signing, XML, server errors): all mean the read failed.
            throw new UncheckedIOException(new IOException("Cannot read " + key + " from bucket " + bucket, e));
        }
    }
}
