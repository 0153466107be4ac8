namespace MultiModal.Matching.Storage;

/// <summary>
/// The durable store of one collection directory: items (external key ↔ dense internal id),
/// one optional vector per named space, typed attributes and tombstones. Checkpoints are
/// immutable memory-mapped segments; every write since the last checkpoint is in the
/// write-ahead log (fsynced before the write returns) and in memory.
/// </summary>
/// <remarks>
/// <para>
/// Ids are dense and never reused: an upsert always allocates the next id (tombstoning the
/// previous id of the key, if any), so an index keyed by internal id only ever adds and removes.
/// </para>
/// <para>
/// Thread safety: reads may run on any number of threads concurrently with one writing thread;
/// each <see cref="Apply"/> batch becomes visible to readers atomically, after it is durable.
/// Writes from several threads are serialised. A read-write store holds the directory's writer
/// lock until disposed; read-only stores (any number, any process) see the last checkpoint.
/// Spans and segments handed out stay valid until the next checkpoint swaps generations
/// (read-write) or until dispose (read-only).
/// </para>
/// </remarks>
internal sealed partial class CollectionStore : IDisposable
{
    private static readonly byte[] EmptyAttributeRecord = [0, 0];

    private readonly CollectionStoreOptions _options;
    private readonly WriterLock? _lock;
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly object _writeGate = new();
    private readonly List<string> _deltaKeys = [];
    private readonly List<byte[]> _deltaAttributes = [];
    private readonly Dictionary<string, int> _keyOverrides = new(StringComparer.Ordinal);
    private readonly DeltaRows[] _deltaRows;
    private readonly ISpaceGraphSource?[] _graphSources;
    private readonly ByteBuffer? _record;
    private CheckpointState _base;
    private WriteAheadLog? _log;
    private ulong[]? _tombstones;
    private int _rowCount;
    private int _liveCount;
    private bool _disposed;
    private bool _graphSourcesChanged;

    private CollectionStore(string directory, CheckpointState checkpoint, CollectionStoreOptions options, WriterLock? writerLock)
    {
        Directory = directory;
        _base = checkpoint;
        _options = options;
        _lock = writerLock;
        Spaces = checkpoint.Manifest.Spaces;
        _deltaRows = new DeltaRows[Spaces.Count];
        _graphSources = new ISpaceGraphSource?[Spaces.Count];
        for (int s = 0; s < _deltaRows.Length; s++)
        {
            _deltaRows[s] = new DeltaRows(Spaces[s].Dimension);
        }

        _rowCount = checkpoint.RowCount;
        _liveCount = (int)checkpoint.Manifest.LiveCount;
        if (writerLock is not null)
        {
            _record = new ByteBuffer(4096);
            _tombstones = new ulong[Math.Max(16, ItemsSegment.BitWords(_rowCount))];
            SegmentFile items = checkpoint.Items.File;
            ReadRegionVerified(items, items.GetRegion(SegmentRegionKind.Tombstones), System.Runtime.InteropServices.MemoryMarshal.AsBytes(_tombstones.AsSpan()));
        }
    }

    /// <summary>The collection directory.</summary>
    public string Directory { get; }

    /// <summary>The vector spaces, in the order their indexes are used everywhere in this API.</summary>
    public IReadOnlyList<VectorSpaceDefinition> Spaces { get; }

    /// <summary>Whether writes are refused.</summary>
    public bool IsReadOnly => _lock is null;

    /// <summary>The current checkpoint generation.</summary>
    public long Generation => _base.Manifest.Generation;

    /// <summary>Internal ids allocated so far (0 .. RowCount − 1), deleted ones included.</summary>
    public int RowCount => Volatile.Read(ref _rowCount);

    /// <summary>Items not deleted.</summary>
    public int LiveCount
    {
        get
        {
            _rw.EnterReadLock();
            int live = _liveCount;
            _rw.ExitReadLock();
            return live;
        }
    }

    /// <summary>Ids below this are in the mapped checkpoint; ids from it on were added since (replayed from the log at open).</summary>
    public int CheckpointedRowCount => _base.RowCount;

    /// <summary>The sequence of the last durable log record.</summary>
    public long LastSequence => _log?.LastSequence ?? _base.Manifest.LastSequence;

    /// <summary>Bytes in the write-ahead log (0 when read-only).</summary>
    public long LogLength => _log?.Length ?? 0;

    /// <summary>
    /// Whether the log has grown past <see cref="CollectionStoreOptions.AutoCheckpointLogBytes"/>. Without graph
    /// sources the store checkpoints by itself; with them, the owner checks this after updating its
    /// indexes and calls <see cref="Checkpoint"/>.
    /// </summary>
    public bool IsCheckpointDue => _options.AutoCheckpointLogBytes > 0 && LogLength > _options.AutoCheckpointLogBytes;

    /// <summary>
    /// Attaches (or, with null, detaches) the graph that checkpoints persist with space <paramref name="space"/>.
    /// While any graph is attached, checkpoints run only when <see cref="Checkpoint"/> is called.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The space is out of range.</exception>
    /// <exception cref="InvalidOperationException">The store is read-only.</exception>
    public void SetGraphSource(int space, ISpaceGraphSource? source)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)space, (uint)Spaces.Count, nameof(space));
        lock (_writeGate)
        {
            ThrowIfDisposed();
            ThrowIfReadOnly();
            _graphSources[space] = source;
            _graphSourcesChanged = true;
        }
    }

    /// <summary>The error of the last automatic checkpoint, if it failed (the writes it followed were durable).</summary>
    public Exception? LastAutoCheckpointError { get; private set; }

    /// <summary>Closes the log, unmaps the segments and releases the writer lock. Idempotent.</summary>
    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _rw.EnterWriteLock();
            try
            {
                _disposed = true;
                _log?.Dispose();
                _base.Dispose();
                _record?.Dispose();
            }
            finally
            {
                _rw.ExitWriteLock();
            }

            _lock?.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"The collection at '{Directory}' was opened read-only.");
        }
    }
}
