using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiModal.Matching.Attributes;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching;

/// <summary>
/// A collection of items that carry any subset of text, image, audio (or custom) modalities, searchable
/// with any subset of modalities through a composable fusion strategy, with attribute filters applied
/// inside the index search and an explanation on every match.
/// </summary>
/// <remarks>
/// <para>Thread-safety: every member may be called from any thread. Searches run concurrently with each
/// other; writes (upsert, delete, re-index, commit) are serialised and exclusive, so a search sees the
/// collection either before or after each write, never half-way (a reader–writer lock). Encoding of raw
/// inputs happens outside the lock, so slow encoders do not block searches.</para>
/// <para>Dispose the collection to release its files and lock.</para>
/// </remarks>
public sealed partial class MultiModalCollection : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly MultiModalCollectionOptions _options;
    private readonly ILogger _logger;
    private readonly KeyMap _keys = new();
    private readonly AttributeTable _attributes;
    private readonly Dictionary<Modality, IVectorIndex> _indexes = [];
    private readonly HashSet<Modality> _stale = [];
    private IVectorIndex? _joint;
    private JointLayout? _jointLayout;
    private ScoreCalibration? _calibration;
    private FusionSource _source;
    private CollectionSchema _schema;
    private bool _disposed;

    private MultiModalCollection(CollectionSchema schema, MultiModalCollectionOptions options)
    {
        _schema = schema;
        _options = options;
        _logger = (ILogger?)options.LoggerFactory?.CreateLogger<MultiModalCollection>() ?? NullLogger.Instance;
        _attributes = new AttributeTable(schema.Attributes);
        foreach (ModalityDefinition definition in schema.Modalities)
        {
            _indexes.Add(definition.Modality, IndexFactory.Create(definition.Dimension, definition.Metric, definition.Index, options.Seed));
        }

        if (schema.Joint is { } joint)
        {
            _jointLayout = CreateJointLayout(schema);
            _joint = IndexFactory.Create(_jointLayout.Dimension, DistanceMetric.DotProduct, joint.Index, options.Seed);
        }

        _source = BuildSource();
    }

    /// <summary>The schema: modalities, encoders, joint space and attribute fields.</summary>
    public CollectionSchema Schema => Volatile.Read(ref _schema);

    /// <summary>The directory the collection lives in, or <see langword="null"/> for an in-memory collection.</summary>
    public string? Directory { get; private set; }

    /// <summary>The number of items.</summary>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public int Count
    {
        get
        {
            using var read = ReadScope();
            return _keys.Count;
        }
    }

    /// <summary>Creates an empty collection that lives only in memory.</summary>
    /// <param name="schema">The collection's schema (at least one modality).</param>
    /// <param name="options">Options; defaults when null. Copied.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException">The schema has no modality.</exception>
    public static MultiModalCollection CreateInMemory(CollectionSchema schema, MultiModalCollectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.ThrowIfUnusable();
        var collection = new MultiModalCollection(schema, options?.Clone() ?? new MultiModalCollectionOptions());
        CollectionLog.Created(collection._logger, "(in memory)", schema.Modalities.Count);
        return collection;
    }

    /// <summary>A snapshot of the keys of all items, in no particular order.</summary>
    /// <returns>The keys at the moment of the call.</returns>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public IReadOnlyList<string> GetKeys()
    {
        using var read = ReadScope();
        return _keys.SnapshotKeys();
    }

    /// <summary>Whether an item with this key exists.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when the item exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public bool Contains(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var read = ReadScope();
        return _keys.TryGetId(key, out _);
    }

    /// <summary>The modalities a stored item has.</summary>
    /// <param name="key">The item's key.</param>
    /// <returns>The modalities with a stored vector for this item, or an empty list when there is no such item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public IReadOnlyList<Modality> GetModalities(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var read = ReadScope();
        if (!_keys.TryGetId(key, out int id))
        {
            return [];
        }

        return [.. _indexes.Where(p => p.Value.Contains(id)).Select(p => p.Key)];
    }

    /// <summary>The attribute values of a stored item.</summary>
    /// <param name="key">The item's key.</param>
    /// <returns>The values, or <see langword="null"/> when there is no such item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public IReadOnlyDictionary<string, AttributeValue>? GetAttributes(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var read = ReadScope();
        return _keys.TryGetId(key, out int id) ? _attributes.Read(id) : null;
    }

    /// <summary>Releases the collection's files and lock. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            _disposed = true;
            DisposeStorage();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        _lock.Dispose();
    }

    private static JointLayout CreateJointLayout(CollectionSchema schema) =>
        new(schema.Joint!.Weights.Select(w => new JointBlock(w.Key, schema.Get(w.Key).Dimension, (float)w.Value)));

    /// <summary>The immutable view fusion strategies search; rebuilt under the write lock when an index or the calibration is replaced.</summary>
    private FusionSource BuildSource() => new(
        _schema.Modalities.Select(m => KeyValuePair.Create(m.Modality, _indexes[m.Modality])),
        _jointLayout,
        _joint,
        _calibration);

    private LockScope ReadScope()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _lock.EnterReadLock();
        return new LockScope(_lock, write: false);
    }

    private LockScope WriteScope()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _lock.EnterWriteLock();
        if (_disposed)
        {
            _lock.ExitWriteLock();
            throw new ObjectDisposedException(nameof(MultiModalCollection));
        }

        return new LockScope(_lock, write: true, this);
    }

    private readonly struct LockScope(ReaderWriterLockSlim gate, bool write, MultiModalCollection? writer = null) : IDisposable
    {
        public void Dispose()
        {
            if (write)
            {
                try
                {
                    // Still under the write lock: the indexes and the store agree (see CheckpointIfDue).
                    writer?.CheckpointIfDue();
                }
                finally
                {
                    gate.ExitWriteLock();
                }
            }
            else
            {
                gate.ExitReadLock();
            }
        }
    }
}
