package io.arca.archive.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.archive.format.KeyUnavailableException;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SecretSealer;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataKeysTest {
    static DataKeys master() {
        return new DataKeys(sealer());
    }

    static SecretSealer sealer() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new SecretSealer(k);
    }

    @Test
    void wrapsAndUnwrapsAndTheWrappedFormIsNotTheKey() {
        DataKeys master = master();
        DataKey key = DataKey.generate();
        WrappedDataKey wrapped = master.wrap("t1", key);
        assertThat(wrapped.keyId()).isEqualTo(key.keyId()).matches("[0-9a-f]{8}");
        DataKey back = master.unwrap(wrapped);
        assertThat(ChunkNamer.hmac(back).name(new byte[] {1, 2, 3})).isEqualTo(ChunkNamer.hmac(key).name(new byte[] {1, 2, 3}));
        assertThat(new String(wrapped.wrapped(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(key.material(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aWrongMasterKeyOrAnotherTenantDoesNotUnwrap() {
        DataKeys master = master();
        WrappedDataKey wrapped = master.generate("t1");
        assertThatThrownBy(() -> master().unwrap(wrapped)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("does not unwrap");
        WrappedDataKey moved = new WrappedDataKey("t2", wrapped.keyId(), wrapped.wrapped());
        assertThatThrownBy(() -> master.unwrap(moved)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void rotatingTheMasterKeyRewrapsTheSameDataKey() {
        DataKeys oldMaster = master();
        DataKeys newMaster = master();
        WrappedDataKey wrapped = oldMaster.generate("t1");
        WrappedDataKey rewrapped = oldMaster.rewrap(wrapped, newMaster);
        assertThat(rewrapped.keyId()).isEqualTo(wrapped.keyId());
        byte[] sample = "row".getBytes();
        assertThat(ChunkNamer.hmac(newMaster.unwrap(rewrapped)).name(sample))
                .isEqualTo(ChunkNamer.hmac(oldMaster.unwrap(wrapped)).name(sample));
        assertThatThrownBy(() -> oldMaster.unwrap(rewrapped)).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void aRingRewrapsOnlyWhatAPreviousMasterKeyWrappedAndARetiredKeyIsNamedAsSuch() {
        SecretSealer oldKey = sealer();
        SecretSealer newKey = sealer();
        WrappedDataKey underOld = new DataKeys(oldKey).generate("t1");
        DataKeys rotating = new DataKeys(MasterKeyRing.of(newKey, List.of(oldKey)));

        WrappedDataKey rewrapped = rotating.rewrapIfPrevious(underOld).orElseThrow();
        assertThat(rotating.rewrapIfPrevious(rewrapped)).as("already under the current key").isEmpty();
        byte[] sample = "row".getBytes();
        assertThat(ChunkNamer.hmac(new DataKeys(newKey).unwrap(rewrapped)).name(sample))
                .isEqualTo(ChunkNamer.hmac(rotating.unwrap(underOld)).name(sample));
        assertThatThrownBy(() -> new DataKeys(newKey).unwrap(underOld)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("data key " + underOld.keyId() + " of tenant t1 does not unwrap")
                .hasMessageContaining("sealed under a master key this deployment no longer has");
    }

    @Test
    void namingDependsOnTheKeyAndDiffersFromPlainSha256() {
        byte[] data = "same content".getBytes();
        String a = ChunkNamer.hmac(DataKey.generate()).name(data);
        String b = ChunkNamer.hmac(DataKey.generate()).name(data);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(ChunkNamer.sha256().name(data)).matches("[0-9a-f]{64}");
        assertThat(ChunkNamer.sha256().name(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void keyIdsAreValidated() {
        assertThatThrownBy(() -> new DataKey("00000000", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataKey("XYZ", new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThat(DataKey.KeyIds.parse(DataKey.KeyIds.format(-5))).isEqualTo(-5);
    }
}
