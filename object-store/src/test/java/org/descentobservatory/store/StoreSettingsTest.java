package org.descentobservatory.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's mapping declares only {@code interface Store extends StoreSettings {}}: the inherited settings work. */
class StoreSettingsTest {

    @ConfigMapping(prefix = "observatory")
    interface ServiceConfig {

        Store store();

        interface Store extends StoreSettings {
        }
    }

    @Test
    void inheritedSettingsHaveTheirDefaults() {
        StoreSettings store = config(Map.of()).store();

        assertThat(store.endpoint()).isEqualTo("http://localhost:9000");
        assertThat(store.accessKey()).isEqualTo("observatory");
        assertThat(store.secretKey()).isEqualTo("observatory-secret");
        assertThat(store.bucket()).isEqualTo("observatory");
    }

    @Test
    void inheritedSettingsReadTheirKebabCaseProperties() {
        StoreSettings store = config(Map.of(
                "observatory.store.endpoint", "http://store:9000",
                "observatory.store.access-key", "ak",
                "observatory.store.secret-key", "sk",
                "observatory.store.bucket", "b")).store();

        assertThat(store.endpoint()).isEqualTo("http://store:9000");
        assertThat(store.accessKey()).isEqualTo("ak");
        assertThat(store.secretKey()).isEqualTo("sk");
        assertThat(store.bucket()).isEqualTo("b");
    }

    private static ServiceConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test"))
                .withMapping(ServiceConfig.class)
                .build();
        return config.getConfigMapping(ServiceConfig.class);
    }
}
