using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing;

/// <summary>
/// An exact nearest-neighbour index: every search scores the query against every stored vector with
/// the SIMD kernels and keeps the best k. It is the reference that approximate indexes are measured against.
/// </summary>
/// <remarks>
/// <para>Vectors live in one contiguous row-major buffer that starts on a cache-line boundary; removing an item moves the last row into its slot,
/// so a scan never skips holes. For <see cref="DistanceMetric.Cosine"/> vectors and queries are normalised to
/// unit length (a zero vector stays zero and is at distance 1 from everything).</para>
/// <para>Thread-safety: all members are safe to call concurrently. Searches, <see cref="Contains"/> and
/// <see cref="TryGetVector"/> share a read lock and run in parallel with each other; <see cref="Add"/> and
/// <see cref="Remove"/> take the write lock, so a search sees the index either before or after a write, never
/// half-way. Do not call the index from inside an <see cref="IIdFilter"/> it is searching with.</para>
/// </remarks>
public sealed partial class FlatIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly IdSlotMap _slotById;
    private readonly int _maxDegreeOfParallelism;
    private readonly int _minRowsPerTask;
    private AlignedFloatBuffer _rows;
    private int[] _ids;
    private int _count;

    /// <summary>Creates an empty index that scans on the calling thread.</summary>
    /// <param name="dimension">The number of components of every vector; at least 1.</param>
    /// <param name="metric">The distance to order results by.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or <paramref name="metric"/> is not a defined value.</exception>
    public FlatIndex(int dimension, DistanceMetric metric)
        : this(dimension, metric, new FlatIndexOptions())
    {
    }

    /// <summary>Creates an empty index with explicit options (for example a parallel scan).</summary>
    /// <param name="dimension">The number of components of every vector; at least 1.</param>
    /// <param name="metric">The distance to order results by.</param>
    /// <param name="options">The tuning knobs; copied, so later changes to the object do not affect the index.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or <paramref name="metric"/> is not a defined value.</exception>
    public FlatIndex(int dimension, DistanceMetric metric, FlatIndexOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric.");
        }

        ArgumentNullException.ThrowIfNull(options);
        Dimension = dimension;
        Metric = metric;
        _maxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        _minRowsPerTask = options.MinRowsPerTask;
        int capacity = (int)Math.Min(options.InitialCapacity, Array.MaxLength / dimension);
        _rows = new AlignedFloatBuffer(capacity * dimension);
        _ids = new int[capacity];
        _slotById = new IdSlotMap(capacity);
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public DistanceMetric Metric { get; }

    /// <inheritdoc/>
    /// <remarks>A snapshot; it may change as soon as it is read when writers run concurrently.</remarks>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The index cannot grow further (more than <see cref="Array.MaxLength"/> floats).</exception>
    public void Add(int id, ReadOnlySpan<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        VectorArguments.ThrowIfInvalid(vector, Dimension, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            if (_slotById.ContainsKey(id))
            {
                throw new ArgumentException($"An item with id {id} is already in the index.", nameof(id));
            }

            if (_count == _ids.Length)
            {
                Grow();
            }

            int slot = _count;
            Span<float> row = _rows.Slice(slot * Dimension, Dimension);
            vector.CopyTo(row);
            if (Metric == DistanceMetric.Cosine)
            {
                VectorKernels.NormalizeInPlace(row);
            }

            _ids[slot] = id;
            _slotById.Set(id, slot);
            Volatile.Write(ref _count, slot + 1);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public void Remove(int id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slotById.Remove(id, out int slot))
            {
                throw new KeyNotFoundException($"No item with id {id} is in the index.");
            }

            int last = _count - 1;
            if (slot != last)
            {
                _rows.Slice(last * Dimension, Dimension).CopyTo(_rows.Slice(slot * Dimension, Dimension));
                int movedId = _ids[last];
                _ids[slot] = movedId;
                _slotById.Set(movedId, slot);
            }

            Volatile.Write(ref _count, last);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public bool Contains(int id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slotById.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="destination"/>'s length is not <see cref="Dimension"/>.</exception>
    public bool TryGetVector(int id, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination has {destination.Length} components but the index has dimension {Dimension}.", nameof(destination));
        }

        _lock.EnterReadLock();
        try
        {
            if (!_slotById.TryGetValue(id, out int slot))
            {
                return false;
            }

            _rows.Slice(slot * Dimension, Dimension).CopyTo(destination);
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Grow()
    {
        int maxRows = Array.MaxLength / Dimension;
        if (_ids.Length >= maxRows)
        {
            throw new InvalidOperationException($"A FlatIndex of dimension {Dimension} holds at most {maxRows} items.");
        }

        int capacity = (int)Math.Min(Math.Max(4L, 2L * _ids.Length), maxRows);
        _rows.Resize(capacity * Dimension);
        Array.Resize(ref _ids, capacity);
    }
}
