package io.arca.api.console.restore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.arca.pg.restore.RestorePreview;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads a restore's stored preview back into {@link PreviewView}. The bucket and estimate members are the worker's
 * additions, so the engine's record is read with unknown members ignored.
 */
@ApplicationScoped
class PreviewReader {
    private static final Logger LOG = Logger.getLogger(PreviewReader.class);

    @Inject
    ObjectMapper json;

    /** Empty when there is no preview, or when it is not in the form this console knows (the page says so). */
    Optional<PreviewView> read(Map<String, Object> preview) {
        if (preview == null) {
            return Optional.empty();
        }
        try {
            JsonNode tree = json.valueToTree(preview);
            ObjectReader lenient = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            RestorePreview engine = lenient.treeToValue(tree, RestorePreview.class);
            return Optional.of(PreviewView.of(engine, bucket(tree.get("bucket")), estimate(tree.get("estimate"))));
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warnf("a restore preview could not be read for the console: %s", e.toString());
            return Optional.empty();
        }
    }

    private static PreviewView.Bucket bucket(JsonNode b) {
        if (b == null || !b.isObject()) {
            return null;
        }
        return new PreviewView.Bucket(b.path("bytesToFetch").asLong(), b.path("chunksToRead").asLong(),
                b.path("chunksMissing").asLong(), b.path("allChunksPresent").asBoolean(true),
                b.hasNonNull("problem") ? b.get("problem").asText() : null);
    }

    private static PreviewView.Estimate estimate(JsonNode e) {
        if (e == null || !e.isObject()) {
            return null;
        }
        return new PreviewView.Estimate(Duration.ofMillis(e.path("durationMs").asLong()),
                e.path("bytesPerSecond").asLong(), e.path("basis").asText(""));
    }
}
