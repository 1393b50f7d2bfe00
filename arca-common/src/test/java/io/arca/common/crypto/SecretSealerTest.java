package io.arca.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
    private final byte[] key = new byte[32];
    private final SecretSealer sealer = new SecretSealer(key);
    private final byte[] aad = "source-password:1".getBytes(UTF_8);

    @Test
    void roundTripsAndUsesAFreshNonce() {
        byte[] a = sealer.seal("s3cret".getBytes(UTF_8), aad);
        byte[] b = sealer.seal("s3cret".getBytes(UTF_8), aad);
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(sealer.open(a, aad), UTF_8)).isEqualTo("s3cret");
    }

    @Test
    void refusesWrongKeyAlteredValueOtherRowAndTruncation() {
        byte[] sealed = sealer.seal("s3cret".getBytes(UTF_8), aad);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretSealer(otherKey).open(sealed, aad))
                .isInstanceOf(SecretUnsealException.class).hasMessageContaining("wrong master key");
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open(flipped, aad)).isInstanceOf(SecretUnsealException.class);
        assertThatThrownBy(() -> sealer.open(sealed, "source-password:2".getBytes(UTF_8)))
                .isInstanceOf(SecretUnsealException.class);
        assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, 10), aad))
                .isInstanceOf(SecretUnsealException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsShortOrMalformedMasterKeys() {
        assertThatThrownBy(() -> new SecretSealer(new byte[16])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretSealer.fromBase64("not base64!")).hasMessageContaining("base64");
    }
}
