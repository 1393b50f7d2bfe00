package io.arca.pg.verify;

/**
 * Row count and an order-independent content checksum of one table: the sum of a 64-bit hash of each row's text
 * form, so equal multisets of rows give equal checksums whatever the physical order.
 */
public record TableChecksum(long rowCount, String checksum) {
}
