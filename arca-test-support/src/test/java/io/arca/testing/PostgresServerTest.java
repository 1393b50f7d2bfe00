package io.arca.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each newer release's binaries are fetched (or found in the cache), start, speak SQL with a password, and stop. */
class PostgresServerTest {

    @ParameterizedTest
    @EnumSource(PostgresRelease.class)
    void startsServesAndStopsWithoutLeftovers(PostgresRelease release) throws Exception {
        long start = System.nanoTime();
        PostgresServer server = PostgresServer.start(release);
        System.out.printf("%s started in %d ms on port %d%n", release, (System.nanoTime() - start) / 1_000_000,
                server.port());
        try {
            assertEquals(release.major(), server.versionNum() / 10000);
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"cross version ü\"");
                try (ResultSet rs = s.executeQuery("SELECT pg_encoding_to_char(encoding), datcollate"
                        + " FROM pg_database WHERE datname = 'cross version ü'")) {
                    assertTrue(rs.next());
                    assertEquals("UTF8", rs.getString(1));
                    assertEquals("C.UTF-8", rs.getString(2));
                }
            }
            SQLException wrongPassword = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    server.jdbcUrl("postgres"), server.user(), "not-the-password"));
            assertEquals("28P01", wrongPassword.getSQLState(), "TCP logins need the password");
        } finally {
            server.close();
        }
        assertTrue(portIsFree(server.port()), "server stopped, port " + server.port() + " free again");
        assertFalse(Files.exists(server.directory()), "data directory deleted");
        server.close(); // a second close does nothing
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
