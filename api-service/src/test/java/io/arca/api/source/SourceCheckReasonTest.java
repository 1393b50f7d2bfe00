package io.arca.api.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The source check's reasons are wire strings clients match on: the same SQLSTATE gives the same word. */
class SourceCheckReasonTest {

    @Test
    void serverErrorsGiveTheirReason() {
        assertThat(SourceChecker.reason(new SQLException("password authentication failed", "28P01")))
                .isEqualTo("auth-failed");
        assertThat(SourceChecker.reason(new SQLException("no pg_hba.conf entry", "28000"))).isEqualTo("auth-failed");
        assertThat(SourceChecker.reason(new SQLException("database does not exist", "3D000")))
                .isEqualTo("database-missing");
        assertThat(SourceChecker.reason(new SQLException("permission denied for database", "42501")))
                .isEqualTo("permission-denied");
        assertThat(SourceChecker.reason(new SQLException("the database system is starting up", "57P03")))
                .isEqualTo("unreachable");
        assertThat(SourceChecker.reason(new SQLException("internal error", "XX000"))).isEqualTo("error");
        assertThat(SourceChecker.reason(new SQLException("no state"))).isEqualTo("error");
    }

    @Test
    void theNetworkFailureUnderTheDriversSaysWhichConnectionErrorItWas() {
        assertThat(SourceChecker.reason(new SQLException("connect failed", "08001", new ConnectException("refused"))))
                .isEqualTo("unreachable");
        assertThat(SourceChecker.reason(new SQLException("timed out", "08001", new SocketTimeoutException())))
                .isEqualTo("timeout");
        assertThat(SourceChecker.reason(new SQLException("ssl", "08006", new javax.net.ssl.SSLException("bad cert"))))
                .isEqualTo("ssl-error");
    }
}
