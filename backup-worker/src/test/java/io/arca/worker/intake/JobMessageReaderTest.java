package io.arca.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.common.messages.JobMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobMessageReaderTest {
    private final JobMessageReader reader = new JobMessageReader(new ObjectMapper());

    @Test
    void readsAVersionOneMessage() throws Exception {
        UUID job = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        JobMessage m = reader.read("{\"version\":1,\"messageId\":\"" + UUID.randomUUID() + "\",\"jobId\":\"" + job
                + "\",\"kind\":\"restore\",\"tenantId\":\"" + tenant + "\",\"attempt\":2,\"createdAt\":\"2026-11-22T03:00:00Z\"}");
        assertThat(m.jobId()).isEqualTo(job);
        assertThat(m.kind()).isEqualTo("restore");
        assertThat(m.tenantId()).isEqualTo(tenant);
        assertThat(m.attempt()).isEqualTo(2);
    }

    @Test
    void acceptsEpochSecondsTimestampsAndUnknownExtraFields() throws Exception {
        JobMessage m = reader.read("{\"version\":1,\"jobId\":\"" + UUID.randomUUID()
                + "\",\"kind\":\"backup\",\"createdAt\":1795319651.5,\"future\":true}");
        assertThat(m.createdAt()).isNotNull();
    }

    @Test
    void rejectsWithAReason() {
        assertThatThrownBy(() -> reader.read("")).hasMessage("empty message");
        assertThatThrownBy(() -> reader.read("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> reader.read("{nope")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> reader.read("{\"version\":2,\"jobId\":\"" + UUID.randomUUID() + "\",\"kind\":\"backup\"}"))
                .hasMessageStartingWith("unsupported message version 2");
        assertThatThrownBy(() -> reader.read("{\"version\":1,\"jobId\":\"" + UUID.randomUUID() + "\",\"kind\":\"vacuum\"}"))
                .hasMessage("unknown job kind: vacuum");
        assertThatThrownBy(() -> reader.read("{\"version\":1,\"kind\":\"backup\"}")).hasMessage("missing jobId");
        assertThatThrownBy(() -> reader.read("{\"version\":1,\"jobId\":\"x\",\"kind\":\"backup\"}"))
                .hasMessage("jobId is not a UUID: x");
    }
}
