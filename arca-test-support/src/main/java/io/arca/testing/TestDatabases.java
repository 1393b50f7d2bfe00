package io.arca.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Creates and drops throwaway databases on the real test PostgreSQL (as its superuser). */
public final class TestDatabases {
    private final InfraEnv env;

    public TestDatabases(InfraEnv env) {
        this.env = env;
    }

    /** A fresh, empty database named {@code prefix_<8 hex>}; returns its name. */
    public String createFresh(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute("create database " + name);
        return name;
    }

    public void drop(String database) {
        execute("drop database if exists " + database + " with (force)");
    }

    /** Opens a connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(env.jdbcUrl(database), env.pgUser(), env.pgPassword());
    }

    private void execute(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
