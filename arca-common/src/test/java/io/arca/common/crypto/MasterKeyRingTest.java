package io.arca.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterKeyRingTest {
    private static final String A = key(1);
    private static final String B = key(2);
    private static final String C = key(3);
    private final byte[] aad = SealingContexts.sourcePassword(java.util.UUID.randomUUID());

    @Test
    void sealsOnlyUnderTheCurrentKeyAndOpensUnderAnyKeyOfTheRing() {
        MasterKeyRing oldRing = MasterKeyRing.fromBase64(A, List.of());
        MasterKeyRing rotated = MasterKeyRing.fromBase64(B, List.of(A));
        byte[] underA = oldRing.seal("pw".getBytes(UTF_8), aad);

        MasterKeyRing.Opened opened = rotated.openReporting(underA, aad);
        assertThat(new String(opened.plaintext(), UTF_8)).isEqualTo("pw");
        assertThat(opened.underPreviousKey()).isTrue();

        byte[] underB = rotated.seal("pw".getBytes(UTF_8), aad);
        assertThat(rotated.openReporting(underB, aad).underPreviousKey()).isFalse();
        // never sealed under the previous key: a ring of B alone opens it, A alone does not
        assertThat(MasterKeyRing.fromBase64(B, List.of()).open(underB, aad)).isEqualTo("pw".getBytes(UTF_8));
        assertThatThrownBy(() -> oldRing.open(underB, aad)).isInstanceOf(SecretUnsealException.class);
    }

    @Test
    void resealingMovesAValueToTheCurrentKeyAndDoesNothingTheSecondTime() {
        MasterKeyRing rotated = MasterKeyRing.fromBase64(B, List.of(A));
        byte[] underA = MasterKeyRing.fromBase64(A, List.of()).seal("pw".getBytes(UTF_8), aad);

        byte[] resealed = rotated.resealIfPrevious(underA, aad).orElseThrow();
        assertThat(rotated.resealIfPrevious(resealed, aad)).isEmpty();
        MasterKeyRing retired = MasterKeyRing.fromBase64(B, List.of());
        assertThat(new String(retired.open(resealed, aad), UTF_8)).isEqualTo("pw");
    }

    @Test
    void aValueUnderARetiredKeySaysSoAndNamesTheSettingButNoKeyMaterial() {
        byte[] underA = MasterKeyRing.fromBase64(A, List.of()).seal("pw".getBytes(UTF_8), aad);
        MasterKeyRing retired = MasterKeyRing.fromBase64(B, List.of(C));

        assertThatThrownBy(() -> retired.open(underA, aad)).isInstanceOf(SecretUnsealException.class)
                .hasMessageContaining("sealed under a master key this deployment no longer has")
                .hasMessageContaining(retired.currentFingerprint())
                .hasMessageContaining(retired.previousFingerprints().get(0))
                .hasMessageContaining("arca.security.previous-master-keys")
                .hasMessageNotContaining(A).hasMessageNotContaining(B).hasMessageNotContaining(C);
        assertThatThrownBy(() -> retired.resealIfPrevious(underA, aad))
                .hasMessageContaining("no longer has");
    }

    @Test
    void aMalformedValueIsReportedAsMalformedNotAsAMissingKey() {
        MasterKeyRing ring = MasterKeyRing.fromBase64(B, List.of(A));
        assertThatThrownBy(() -> ring.open(new byte[5], aad)).hasMessageContaining("truncated");
        byte[] otherFormat = ring.seal("pw".getBytes(UTF_8), aad);
        otherFormat[0] = 9;
        assertThatThrownBy(() -> ring.open(otherFormat, aad)).hasMessageContaining("unknown sealed secret format");
    }

    @Test
    void anotherContextDoesNotOpenUnderAnyKey() {
        MasterKeyRing ring = MasterKeyRing.fromBase64(B, List.of(A));
        byte[] sealed = MasterKeyRing.fromBase64(A, List.of()).seal("pw".getBytes(UTF_8), aad);
        assertThatThrownBy(() -> ring.open(sealed, SealingContexts.sourcePassword(java.util.UUID.randomUUID())))
                .isInstanceOf(SecretUnsealException.class);
    }

    @Test
    void fingerprintsAreStablePerKeyAndDuplicatesOfTheCurrentKeyAreDropped() {
        MasterKeyRing ring = MasterKeyRing.fromBase64(B, List.of(A, B, A, " "));
        assertThat(ring.previousFingerprints()).containsExactly(MasterKeyRing.fromBase64(A, List.of())
                .currentFingerprint());
        assertThat(ring.currentFingerprint()).hasSize(16).isNotEqualTo(ring.previousFingerprints().get(0))
                .isEqualTo(MasterKeyRing.fromBase64(B, List.of()).currentFingerprint());
    }

    @Test
    void derivedKeysComeCurrentFirstAndDifferPerKey() {
        List<byte[]> derived = MasterKeyRing.fromBase64(B, List.of(A)).deriveAll("label");
        assertThat(derived).hasSize(2);
        assertThat(derived.get(0)).isEqualTo(MasterKeyRing.fromBase64(B, List.of()).deriveAll("label").get(0))
                .isNotEqualTo(derived.get(1)).isNotEqualTo(Base64.getDecoder().decode(B));
    }

    @Test
    void aBadKeyNamesTheSettingAndPosition() {
        assertThatThrownBy(() -> MasterKeyRing.fromBase64("not base64!", List.of()))
                .hasMessageContaining("arca.security.master-key").hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKeyRing.fromBase64(B, List.of(A, "c2hvcnQ=")))
                .hasMessageContaining("arca.security.previous-master-keys[1]").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKeyRing.fromBase64(" ", List.of()))
                .hasMessageContaining("arca.security.master-key is not set");
    }

    private static String key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return Base64.getEncoder().encodeToString(k);
    }
}
