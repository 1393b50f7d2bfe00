package io.arca.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contexts are stored bindings: their exact bytes must never change. */
class SealingContextsTest {
    private static final UUID SOURCE = UUID.fromString("0b8d6a8e-1d6f-4a57-9a35-0c1f5b3e2a10");

    @Test
    void contextsAreSpelledAsStoredValuesWereSealed() {
        assertThat(new String(SealingContexts.sourcePassword(SOURCE), UTF_8))
                .isEqualTo("source-password:0b8d6a8e-1d6f-4a57-9a35-0c1f5b3e2a10");
        assertThat(new String(SealingContexts.tenantKey("acme", "1a2b3c4d"), UTF_8))
                .isEqualTo("tenant-key:acme:1a2b3c4d");
    }

    @Test
    void aPasswordSealedForOneSourceDoesNotOpenForAnother() {
        SecretSealer sealer = new SecretSealer(new byte[32]);
        byte[] sealed = sealer.seal("s3cret".getBytes(UTF_8), SealingContexts.sourcePassword(SOURCE));
        assertThat(sealer.open(sealed, SealingContexts.sourcePassword(SOURCE))).isEqualTo("s3cret".getBytes(UTF_8));
        assertThatThrownBy(() -> sealer.open(sealed, SealingContexts.sourcePassword(UUID.randomUUID())))
                .isInstanceOf(SecretUnsealException.class);
    }
}
