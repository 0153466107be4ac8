using System.Diagnostics;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    private const string CalibrationFileName = "calibration.bin";

    /// <summary>
    /// Creates a new, empty collection in a directory (created when missing): the embedded default, durable and
    /// crash-safe. Every acknowledged write is in the write-ahead log; <see cref="Commit"/> folds it into
    /// memory-mapped segments.
    /// </summary>
    /// <param name="directory">A directory that does not yet hold a collection.</param>
    /// <param name="schema">The schema (at least one modality); recorded in the directory with each encoder's identity.</param>
    /// <param name="options">Options; defaults when null. Copied.</param>
    /// <returns>The collection, open for reading and writing; dispose it to release the directory's writer lock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException">The directory path is empty or the schema has no modality.</exception>
    /// <exception cref="IOException">The directory already holds a collection, or it cannot be written.</exception>
    /// <exception cref="CollectionLockedException">Another writer holds the directory.</exception>
    public static MultiModalCollection Create(string directory, CollectionSchema schema, MultiModalCollectionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(schema);
        schema.ThrowIfUnusable();
        directory = Path.GetFullPath(directory);
        if (CollectionStore.Exists(directory))
        {
            throw new IOException($"'{directory}' already holds a collection; open it with MultiModalCollection.Open.");
        }

        System.IO.Directory.CreateDirectory(directory);
        CollectionManifest.FromSchema(schema).Write(directory);
        options = options?.Clone() ?? new MultiModalCollectionOptions();
        CollectionStore store = CollectionStore.Create(directory, Spaces(schema), options.StoreOptions);
        try
        {
            var collection = new MultiModalCollection(schema, options)
            {
                _store = store,
                Directory = directory,
            };
            collection.AttachGraphSources();
            CollectionLog.Created(collection._logger, directory, schema.Modalities.Count);
            return collection;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the collection in a directory. HNSW indexes come from the graphs the last commit persisted: searched
    /// in place from the memory-mapped segment when read-only (open time does not grow with the collection), or
    /// copied into memory when read-write, then brought up to date with the writes logged since that commit.
    /// Exact indexes, the joint index and graphs a commit has not yet persisted are rebuilt from the stored vectors.
    /// </summary>
    /// <param name="directory">A directory that holds a collection.</param>
    /// <param name="schema">The schema it was created with: same modalities (dimension, metric), joint space and attributes.
    /// Encoders must have the identities recorded in the directory (see <see cref="EncoderMismatchException"/>).</param>
    /// <param name="options">Options; defaults when null. Copied.</param>
    /// <param name="readOnly">Open without the writer lock: any number of readers (in any process) see the last commit;
    /// writes are refused.</param>
    /// <param name="progress">Receives <see cref="BulkProgress"/> while indexes are rebuilt.</param>
    /// <param name="cancellationToken">Cancels the rebuild (the directory is unchanged).</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException">The schema does not describe the stored collection.</exception>
    /// <exception cref="EncoderMismatchException">A modality was built by another encoder and
    /// <see cref="MultiModalCollectionOptions.OnEncoderMismatch"/> is <see cref="EncoderMismatchHandling.Throw"/>.</exception>
    /// <exception cref="FileNotFoundException">The directory holds no collection.</exception>
    /// <exception cref="CorruptIndexException">A file is damaged; the exception names it and the failed check.</exception>
    /// <exception cref="CollectionLockedException">Read-write, and another writer holds the directory.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MultiModalCollection Open(
        string directory,
        CollectionSchema schema,
        MultiModalCollectionOptions? options = null,
        bool readOnly = false,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(schema);
        schema.ThrowIfUnusable();
        directory = Path.GetFullPath(directory);
        options = options?.Clone() ?? new MultiModalCollectionOptions();
        if (!File.Exists(Path.Combine(directory, CollectionManifest.FileName)))
        {
            throw new FileNotFoundException($"'{directory}' holds no collection (no {CollectionManifest.FileName}).", Path.Combine(directory, CollectionManifest.FileName));
        }

        var started = Stopwatch.StartNew();
        CollectionManifest manifest = CollectionManifest.Read(directory);
        HashSet<Modality> stale = FindStaleModalities(manifest, schema, options);
        manifest.ThrowIfIncompatible(schema, directory);
        CollectionStore store = CollectionStore.Open(directory, readOnly ? StoreOpenMode.ReadOnly : StoreOpenMode.ReadWrite, options.StoreOptions);
        MultiModalCollection? collection = null;
        try
        {
            collection = new MultiModalCollection(schema, options) { _store = store, Directory = directory };
            collection._stale.UnionWith(stale);
            collection.LoadFromStore(progress, cancellationToken);
            CollectionLog.Opened(collection._logger, directory, collection._keys.Count, started.Elapsed.TotalMilliseconds);
            return collection;
        }
        catch
        {
            if (collection is not null)
            {
                collection.Dispose();
            }
            else
            {
                store.Dispose();
            }

            throw;
        }
    }

    /// <summary>Opens the collection in a directory, or creates it there when the directory holds none.</summary>
    /// <param name="directory">The collection's directory.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Options; defaults when null. Copied.</param>
    /// <param name="progress">Receives <see cref="BulkProgress"/> while indexes are rebuilt.</param>
    /// <param name="cancellationToken">Cancels the rebuild.</param>
    /// <returns>The collection, open for reading and writing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException">The schema does not describe an existing collection.</exception>
    /// <exception cref="EncoderMismatchException">An existing modality was built by another encoder (see <see cref="Open"/>).</exception>
    /// <exception cref="CorruptIndexException">A file is damaged.</exception>
    /// <exception cref="CollectionLockedException">Another writer holds the directory.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MultiModalCollection OpenOrCreate(
        string directory,
        CollectionSchema schema,
        MultiModalCollectionOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return CollectionStore.Exists(Path.GetFullPath(directory))
            ? Open(directory, schema, options, readOnly: false, progress, cancellationToken)
            : Create(directory, schema, options);
    }

    /// <summary>
    /// Folds every write since the last commit into new memory-mapped segments and truncates the write-ahead log,
    /// so that the next open replays nothing and read-only openers see the writes. Writes are already durable
    /// before this (each is logged and fsynced); commit bounds recovery time and publishes to readers.
    /// For an in-memory collection there is nothing to fold and this returns at once.
    /// </summary>
    /// <param name="progress">Receives <see cref="BulkProgress"/> (step 0 of 1, then 1 of 1).</param>
    /// <param name="cancellationToken">Checked before the checkpoint starts; a started checkpoint completes.</param>
    /// <exception cref="InvalidOperationException">The collection is read-only.</exception>
    /// <exception cref="IOException">The segments could not be written; the log still holds every write.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    /// <remarks>Searches keep running during the checkpoint; writes wait.</remarks>
    public void Commit(IProgress<BulkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var read = ReadScope();
        ThrowIfReadOnly();
        if (_store is null)
        {
            return;
        }

        var started = Stopwatch.StartNew();
        progress?.Report(new BulkProgress("commit", 0, 1));
        _store.Checkpoint();
        progress?.Report(new BulkProgress("commit", 1, 1));
        CollectionLog.Committed(_logger, _keys.Count, started.Elapsed.TotalMilliseconds);
    }

    private static VectorSpaceDefinition[] Spaces(CollectionSchema schema) =>
        [.. schema.Modalities.Select(m => new VectorSpaceDefinition(m.Modality.Name, m.Dimension, m.Metric))];

    private static HashSet<Modality> FindStaleModalities(CollectionManifest manifest, CollectionSchema schema, MultiModalCollectionOptions options)
    {
        var stale = new HashSet<Modality>();
        foreach (CollectionManifest.ModalityEntry entry in manifest.Modalities)
        {
            var modality = new Modality(entry.Name);
            if (schema.Find(modality) is not { } definition)
            {
                continue;
            }

            string? supplied = definition.EncoderIdentity?.ToString();
            if (entry.Encoder == supplied)
            {
                continue;
            }

            if (options.OnEncoderMismatch == EncoderMismatchHandling.Throw || entry.Dimension != definition.Dimension)
            {
                throw new EncoderMismatchException(
                    modality,
                    EncoderIdentity.TryParse(entry.Encoder, out EncoderIdentity stored) ? stored : default,
                    definition.EncoderIdentity ?? default,
                    entry.Dimension != definition.Dimension
                        ? $" The new encoder's dimension ({definition.Dimension}) differs from the stored one ({entry.Dimension}); a collection in a directory can only be re-indexed with an encoder of the same dimension: create a new collection instead."
                        : null);
            }

            stale.Add(modality);
        }

        return stale;
    }

    /// <summary>Rebuilds keys, attributes, indexes and the joint index from the store; runs before the collection is shared.</summary>
    private void LoadFromStore(IProgress<BulkProgress>? progress, CancellationToken cancellationToken)
    {
        CollectionStore store = _store!;
        int rows = store.RowCount;
        _keys.Reserve(rows);
        for (int id = 0; id < rows; id++)
        {
            if (store.IsLive(id))
            {
                _keys.Restore(store.GetKey(id), id);
                _attributes.Write(id, FromStored(store.GetAttributes(id)));
            }
        }

        int total = rows * _schema.Modalities.Count, done = 0;
        Parallel.For(0, _schema.Modalities.Count, new ParallelOptions { CancellationToken = cancellationToken }, space =>
        {
            ModalityDefinition definition = _schema.Modalities[space];
            if (_stale.Contains(definition.Modality))
            {
                return;
            }

            if (definition.Index.Kind == IndexKind.Hnsw && OpenPersistedGraph(space, definition) is { } persisted)
            {
                lock (_indexes)
                {
                    (_indexes[definition.Modality] as IDisposable)?.Dispose();
                    _indexes[definition.Modality] = persisted;
                }

                progress?.Report(new BulkProgress("open", Interlocked.Add(ref done, rows), total));
                return;
            }

            IVectorIndex index;
            lock (_indexes)
            {
                index = _indexes[definition.Modality];
            }

            var vector = new float[definition.Dimension];
            for (int id = 0; id < rows; id++)
            {
                if (store.IsLive(id) && store.HasVector(space, id) && store.TryCopyVector(space, id, vector))
                {
                    index.Add(id, vector);
                }

                if ((id & 1023) == 1023)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new BulkProgress("open", Interlocked.Add(ref done, 1024), total));
                }
            }
        });

        if (!store.IsReadOnly)
        {
            AttachGraphSources();
        }

        if (_joint is not null)
        {
            RebuildJoint(_schema);
        }

        string calibrationPath = Path.Combine(Directory!, CalibrationFileName);
        if (_stale.Count == 0 && File.Exists(calibrationPath))
        {
            using FileStream stream = File.OpenRead(calibrationPath);
            _calibration = ScoreCalibration.ReadFrom(stream);
        }

        _source = BuildSource();
        progress?.Report(new BulkProgress("open", total, total));
    }
}
