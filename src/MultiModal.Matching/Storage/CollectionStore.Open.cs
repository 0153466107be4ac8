namespace MultiModal.Matching.Storage;

/// <content>Creating and opening a collection directory.</content>
internal sealed partial class CollectionStore
{
    private const int ReaderRetries = 8;

    /// <summary>Whether <paramref name="directory"/> holds a collection (has a manifest).</summary>
    public static bool Exists(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return File.Exists(Path.Combine(directory, StorageFormat.ManifestFileName));
    }

    /// <summary>
    /// Creates a new, empty collection in <paramref name="directory"/> (created if missing) and
    /// opens it for writing. Generation 1 (empty segments, empty log, manifest) is durable on return.
    /// </summary>
    /// <param name="directory">A directory that does not yet hold a collection.</param>
    /// <param name="spaces">The vector spaces (1 to 32, unique names).</param>
    /// <param name="options">Options, or null for <see cref="CollectionStoreOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">No spaces, too many, or duplicate names.</exception>
    /// <exception cref="IOException">The directory already holds a collection.</exception>
    /// <exception cref="CollectionLockedException">Another writer holds the directory.</exception>
    public static CollectionStore Create(string directory, IReadOnlyList<VectorSpaceDefinition> spaces, CollectionStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(spaces);
        if (spaces.Count is 0 or > Manifest.MaxSpaces)
        {
            throw new ArgumentException($"A collection has 1 to {Manifest.MaxSpaces} vector spaces; got {spaces.Count}.", nameof(spaces));
        }

        for (int i = 0; i < spaces.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(spaces[i], nameof(spaces));
            for (int j = 0; j < i; j++)
            {
                if (spaces[j].Name == spaces[i].Name)
                {
                    throw new ArgumentException($"Space '{spaces[i].Name}' is defined twice.", nameof(spaces));
                }
            }
        }

        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        WriterLock writerLock = WriterLock.Acquire(directory);
        try
        {
            if (Exists(directory))
            {
                throw new IOException($"'{directory}' already holds a collection.");
            }

            DeleteUnreferenced(directory, new Manifest(1, 0, 0, 0, spaces, []));
            WriteEmptyGeneration(directory, [.. spaces]);
            return OpenWriter(directory, options ?? CollectionStoreOptions.Default, writerLock);
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing collection. Read-only maps the last checkpoint's segments after checking their
    /// headers (time independent of size; with <see cref="CollectionStoreOptions.VerifyChecksums"/> every region
    /// is read and verified). Read-write also takes the writer lock, deletes files of an unfinished
    /// checkpoint, and replays the log written since the last checkpoint (cutting off a torn tail).
    /// </summary>
    /// <exception cref="FileNotFoundException">The directory holds no collection.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="CorruptIndexException">A file is damaged; the exception names it and the failed check.</exception>
    /// <exception cref="CollectionLockedException">Read-write, and another writer holds the directory.</exception>
    public static CollectionStore Open(string directory, StoreOpenMode mode, CollectionStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        directory = Path.GetFullPath(directory);
        options ??= CollectionStoreOptions.Default;
        if (mode == StoreOpenMode.ReadOnly)
        {
            return OpenReader(directory, options);
        }

        if (mode != StoreOpenMode.ReadWrite)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown open mode.");
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The collection directory '{directory}' does not exist.");
        }

        WriterLock writerLock = WriterLock.Acquire(directory);
        try
        {
            return OpenWriter(directory, options, writerLock);
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    private static CollectionStore OpenReader(string directory, CollectionStoreOptions options)
    {
        for (int attempt = 0; ; attempt++)
        {
            Manifest manifest = CheckpointState.ReadManifest(directory);
            try
            {
                return new CollectionStore(directory, CheckpointState.Open(directory, manifest, options.VerifyChecksums), options, null);
            }
            catch (FileNotFoundException e)
            {
                // A writer may have checkpointed and deleted this generation between our reads: retry with the new manifest.
                if (attempt < ReaderRetries && CheckpointState.ReadManifest(directory).Generation != manifest.Generation)
                {
                    continue;
                }

                throw new CorruptIndexException(e.FileName ?? directory, "file named by the manifest exists", null, e);
            }
        }
    }

    private static CollectionStore OpenWriter(string directory, CollectionStoreOptions options, WriterLock writerLock)
    {
        Manifest manifest = CheckpointState.ReadManifest(directory);
        DeleteUnreferenced(directory, manifest);
        CheckpointState checkpoint;
        try
        {
            checkpoint = CheckpointState.Open(directory, manifest, options.VerifyChecksums);
        }
        catch (FileNotFoundException e)
        {
            throw new CorruptIndexException(e.FileName ?? directory, "file named by the manifest exists", null, e);
        }

        CollectionStore? store = null;
        try
        {
            store = new CollectionStore(directory, checkpoint, options, writerLock);
            string logPath = Path.Combine(directory, manifest.GetFile(ManifestFileRole.Log).Name);
            if (!File.Exists(logPath))
            {
                throw new CorruptIndexException(logPath, "file named by the manifest exists");
            }

            store._log = WriteAheadLog.OpenAndReplay(logPath, manifest.Generation, manifest.LastSequence, store.Replay);
            return store;
        }
        catch
        {
            if (store is null)
            {
                checkpoint.Dispose();
            }
            else
            {
                store._log?.Dispose();
                store._base.Dispose();
                store._record?.Dispose();
            }

            throw;
        }
    }

    private void Replay(long sequence, ReadOnlyMemory<byte> body)
    {
        string logPath = Path.Combine(Directory, _base.Manifest.GetFile(ManifestFileRole.Log).Name);
        StoreOperation[] batch = LogRecordCodec.Decode(body.Span, Spaces, logPath, out _);
        ApplyToState(batch, new StoreOperationResult[batch.Length], body.Span);
    }

    private static void WriteEmptyGeneration(string directory, VectorSpaceDefinition[] spaces)
    {
        const long generation = 1;
        var files = new List<ManifestFile>();
        string itemsName = StorageFormat.ItemsFileName(generation);
        using (SegmentWriter w = SegmentWriter.Create(Path.Combine(directory, itemsName), new SegmentHeader(SegmentKind.Items, generation, 0, 0, 0, 0, 0), 6))
        {
            WriteRegion(w, SegmentRegionKind.KeyOffsets, 8);
            WriteRegion(w, SegmentRegionKind.KeyBytes, 0);
            WriteRegion(w, SegmentRegionKind.KeyIndex, ItemsSegment.KeyIndexSlots(0) * 8);
            WriteRegion(w, SegmentRegionKind.Tombstones, 0);
            WriteRegion(w, SegmentRegionKind.AttributeOffsets, 8);
            WriteRegion(w, SegmentRegionKind.AttributeBytes, 0);
            uint crc = w.Complete();
            files.Add(new ManifestFile(ManifestFileRole.Items, 0, itemsName, w.FileLength, crc));
        }

        for (int s = 0; s < spaces.Length; s++)
        {
            string name = StorageFormat.SpaceFileName(spaces[s].Name, generation);
            var header = new SegmentHeader(SegmentKind.Space, generation, 0, SegmentHeader.Float32, spaces[s].Dimension, (uint)spaces[s].Metric, 0);
            using SegmentWriter w = SegmentWriter.Create(Path.Combine(directory, name), header, 2);
            WriteRegion(w, SegmentRegionKind.Vectors, 0);
            WriteRegion(w, SegmentRegionKind.Presence, 0);
            uint crc = w.Complete();
            files.Add(new ManifestFile(ManifestFileRole.Space, s, name, w.FileLength, crc));
        }

        string logName = StorageFormat.LogFileName(generation);
        WriteAheadLog.Create(Path.Combine(directory, logName), generation, 0).Dispose();
        files.Add(new ManifestFile(ManifestFileRole.Log, 0, logName, 0, 0));
        var manifest = new Manifest(generation, 0, 0, 0, spaces, files);
        DurableFile.SyncDirectory(directory);
        DurableFile.ReplaceAtomically(
            Path.Combine(directory, StorageFormat.ManifestFileName),
            Path.Combine(directory, StorageFormat.ManifestTempFileName),
            manifest.Serialize());
    }

    private static void WriteRegion(SegmentWriter w, SegmentRegionKind kind, long zeroBytes)
    {
        w.BeginRegion(kind);
        w.WriteZeroBytes(zeroBytes);
        w.EndRegion();
    }
}
