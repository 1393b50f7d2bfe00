/**
 * Arca's archive engine: plain Java, no framework. Entry points:
 *
 * <ul>
 *   <li>{@link io.arca.archive.write.ArchiveWriter} — writes a backup: entries (push
 *       {@link io.arca.archive.write.EntryOutputStream} or pull {@code writeEntry}), chunks, manifest last;
 *       {@link io.arca.archive.write.EntrySpec}, {@link io.arca.archive.write.WriterOptions},
 *       {@link io.arca.archive.write.ProgressListener}.</li>
 *   <li>{@link io.arca.archive.read.BackupReader} — manifests and entry streams from any offset, verified.</li>
 *   <li>{@link io.arca.archive.verify.Verifier} — checks every chunk and entry of a backup.</li>
 *   <li>{@link io.arca.archive.repo.ArchiveRepository} — a tenant's backups from the bucket and master key alone;
 *       {@link io.arca.archive.repo.RepositoryLayout} — object keys; {@link io.arca.archive.repo.BucketKeys} —
 *       wrapped data keys in the bucket.</li>
 *   <li>{@link io.arca.archive.store.ObjectStore} — storage: {@link io.arca.archive.store.S3ObjectStore},
 *       {@link io.arca.archive.store.InMemoryObjectStore}, {@link io.arca.archive.store.RetryingObjectStore}.</li>
 *   <li>{@link io.arca.archive.index.ChunkIndex} — which chunks a tenant has (catalog-backed in the worker);
 *       {@link io.arca.archive.index.InMemoryChunkIndex}.</li>
 *   <li>{@link io.arca.archive.key.DataKeys} (wrap/unwrap with the master key), {@link io.arca.archive.key.DataKey},
 *       {@link io.arca.archive.key.KeyRing}.</li>
 *   <li>{@link io.arca.archive.manifest.Manifest} — the manifest model; format in {@code docs/archive-format.md}.</li>
 * </ul>
 */
package io.arca.archive;
