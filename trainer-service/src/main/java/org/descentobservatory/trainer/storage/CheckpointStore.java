package org.descentobservatory.trainer.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.descentobservatory.schemas.JsonContracts;
import org.descentobservatory.schemas.ObjectKeys;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.trainer.config.TrainerConfig;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;

/**
 * Writes a run's objects to the S3-protocol store under {@link ObjectKeys}' layout. The bucket is created at startup
 * when missing, so a fresh store works without provisioning and a wrong endpoint or key fails the start, not the
 * first run. Every put returns only once the store has acknowledged the whole object.
 */
@Startup
@ApplicationScoped
public class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private static final String ZIP = "application/zip";
    private static final String JSON = "application/json";

    private final MinioClient client;
    private final String bucket;

    public CheckpointStore(TrainerConfig config) {
        TrainerConfig.Store store = config.store();
        this.client = MinioClient.builder()
                .endpoint(store.endpoint())
                .credentials(store.accessKey(), store.secretKey())
                .build();
        this.bucket = store.bucket();
        ensureBucket(store.endpoint());
    }

    /** Stores one epoch's checkpoint zip; returns its key. */
    public String putCheckpoint(String runId, int epoch, byte[] checkpoint) {
        String key = ObjectKeys.checkpoint(runId, epoch);
        put(key, checkpoint, ZIP);
        return key;
    }

    /** Stores a run's probe set as its contract's JSON; returns its key. */
    public String putProbeSet(ProbeSet probeSet) {
        String key = ObjectKeys.probeSet(probeSet.runId());
        put(key, JsonContracts.write(probeSet), JSON);
        return key;
    }

    private void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw new StoreException("Cannot store " + bucket + "/" + key + " (" + bytes.length + " bytes)", e);
        }
    }

    private void ensureBucket(String endpoint) {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                LOG.infof("Created bucket %s at %s", bucket, endpoint);
            }
        } catch (Exception e) {
            throw new StoreException("Cannot reach or create bucket " + bucket + " at " + endpoint, e);
        }
    }
}
