using System.Runtime.CompilerServices;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// An approximate nearest-neighbour index: a hierarchical navigable small-world graph (Malkov &amp; Yashunin)
/// with the neighbour-selection heuristic, over fixed-stride, 64-byte-aligned records in unmanaged memory.
/// </summary>
/// <remarks>
/// <para>Thread safety: every member may be called from several threads at once. Searches run
/// concurrently with each other and with <see cref="Add"/> (per-node seqlocks: a search never sees a
/// half-written link list); <see cref="Remove"/> and <see cref="AddRange"/> too. Growth of the
/// record block and <see cref="Compact"/> briefly take an exclusive lock.</para>
/// <para>A single-threaded sequence of adds and removes with the same <see cref="HnswOptions.Seed"/>
/// produces the same graph bit for bit. Multi-threaded builds are not reproducible.</para>
/// <para>Removed items are tombstoned (never returned, still traversed) and their neighbours
/// repaired at once; when tombstones pass <see cref="HnswOptions.CompactionThreshold"/> the index
/// compacts: links to them are rebuilt and their slots reused.</para>
/// </remarks>
public sealed unsafe partial class HnswIndex : IVectorIndex, IDisposable
{
    private readonly HnswOptions _options;
    private readonly HnswGraphLayout _layout;
    private readonly DistanceMetric _metric;
    private readonly int _dimension;
    private readonly int _stride;
    private readonly int _vectorOffset;
    private readonly int _codeOffset;
    private readonly int _traversalOffset;
    private readonly double _levelMultiplier;
    private readonly HnswGraphMemory _memory;
    private readonly ReaderWriterLockSlim _structure = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _allocLock = new();
    private readonly Lock _entryLock = new();
    private readonly ThreadLocal<HnswScratch> _scratch;

    private byte* _level0;
    private int* _upper;
    private int _capacity;

    // Entry point and its level packed in one word so that a reader never pairs a new level with an old node.
    private long _entryState;
    private int _slotCount;
    private int _liveCount;
    private int _tombstoneCount;
    private int _freedCount;
    private long _upperUsed;
    private ulong _rngState;

    // Two-tier only: set once, before the first code is written.
    private ScalarQuantizer? _quantizer;

    // Derived state, rebuilt from the records by a scan (see EnsureDerivedState).
    private IdSlotMap? _idToSlot;
    private Stack<int>? _freeSlots;
    private bool _disposed;

    /// <summary>Creates an empty index.</summary>
    /// <param name="options">The parameters; validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public HnswIndex(HnswOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _layout = new HnswGraphLayout(options.Dimension, options.M, options.Quantization == HnswQuantization.Int8);
        _metric = options.Metric;
        _dimension = options.Dimension;
        _stride = _layout.Stride;
        _vectorOffset = _layout.VectorOffset;
        _codeOffset = _layout.CodeOffset;
        _traversalOffset = _codeOffset != 0 ? _codeOffset : _vectorOffset;
        _levelMultiplier = 1.0 / Math.Log(options.M);
        if (_codeOffset != 0 && options.QuantizationMin is float min && options.QuantizationMax is float max)
        {
            _quantizer = ScalarQuantizer.Fit([min, max]);
        }
        else if (_codeOffset != 0 && options.Metric == DistanceMetric.Cosine)
        {
            _quantizer = ScalarQuantizer.Fit([-1f, 1f]);
        }

        _memory = new NativeHnswGraphMemory((long)options.InitialCapacity * _stride, Math.Max(64, options.InitialCapacity / 4 * _layout.UpperListInts));
        _scratch = new ThreadLocal<HnswScratch>(() => new HnswScratch(_dimension, _layout.MaxLinks0));
        _entryState = PackEntry(-1, -1);
        _rngState = options.Seed;
        _idToSlot = new IdSlotMap(options.InitialCapacity);
        _freeSlots = new Stack<int>();
        RefreshPointers();
    }

    /// <summary>Reopens a graph over existing regions (used by storage; the regions are not copied).</summary>
    internal HnswIndex(HnswOptions options, HnswGraphMemory memory, in HnswGraphHeader header)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(memory);
        options.Validate();
        _options = options.Clone();
        _layout = new HnswGraphLayout(options.Dimension, options.M, options.Quantization == HnswQuantization.Int8);
        HnswGraphHeaderChecks.ThrowIfIncompatible(header, _layout, options, memory);
        _metric = options.Metric;
        _dimension = options.Dimension;
        _stride = _layout.Stride;
        _vectorOffset = _layout.VectorOffset;
        _codeOffset = _layout.CodeOffset;
        _traversalOffset = _codeOffset != 0 ? _codeOffset : _vectorOffset;
        if (_codeOffset != 0 && header.QuantizerScale > 0)
        {
            _quantizer = new ScalarQuantizer(header.QuantizerOffset, header.QuantizerScale);
        }

        _levelMultiplier = 1.0 / Math.Log(options.M);
        _memory = memory;
        _scratch = new ThreadLocal<HnswScratch>(() => new HnswScratch(_dimension, _layout.MaxLinks0));
        _entryState = PackEntry(header.EntryPoint, header.MaxLevel);
        _slotCount = header.SlotCount;
        _liveCount = header.LiveCount;
        _tombstoneCount = header.TombstoneCount;
        _freedCount = header.FreedCount;
        _upperUsed = header.UpperUsed;
        _rngState = header.RngState;
        RefreshPointers();
    }

    /// <inheritdoc/>
    public int Dimension => _dimension;

    /// <inheritdoc/>
    public DistanceMetric Metric => _metric;

    /// <summary>The number of live items. Thread-safe.</summary>
    public int Count => Volatile.Read(ref _liveCount);

    /// <summary>Removed items whose slots are not yet reclaimed by <see cref="Compact"/>.</summary>
    public int TombstoneCount => Volatile.Read(ref _tombstoneCount);

    /// <summary>A copy of the options this index was created with.</summary>
    public HnswOptions Options => _options.Clone();

    internal HnswGraphLayout Layout => _layout;

    internal HnswGraphMemory GraphMemory => _memory;

    internal int SlotCount => Volatile.Read(ref _slotCount);

    internal (int Slot, int Level) EntryPoint => UnpackEntry(Volatile.Read(ref _entryState));

    /// <summary>Releases the unmanaged graph memory. Later calls on the index throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _structure.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _memory.Dispose();
        }
        finally
        {
            _structure.ExitWriteLock();
        }

        _scratch.Dispose();
    }

    /// <summary>The header that, with the two regions of <see cref="GraphMemory"/>, describes the graph; call under <see cref="EnterExclusive"/> for a consistent snapshot.</summary>
    internal HnswGraphHeader CaptureHeader()
    {
        (int entry, int maxLevel) = UnpackEntry(Volatile.Read(ref _entryState));
        return new HnswGraphHeader
        {
            FormatVersion = HnswGraphHeader.CurrentFormatVersion,
            Dimension = _dimension,
            Metric = (int)_metric,
            M = _layout.M,
            MaxLinks0 = _layout.MaxLinks0,
            Stride = _stride,
            VectorOffset = _vectorOffset,
            EfConstruction = _options.EfConstruction,
            EntryPoint = entry,
            MaxLevel = maxLevel,
            SlotCount = _slotCount,
            LiveCount = _liveCount,
            TombstoneCount = _tombstoneCount,
            FreedCount = _freedCount,
            UpperUsed = _upperUsed,
            RngState = _rngState,
            CodeOffset = _codeOffset,
            QuantizerOffset = _quantizer?.Offset ?? float.NaN,
            QuantizerScale = _quantizer?.Scale ?? float.NaN,
        };
    }

    /// <summary>Blocks every reader and writer until the returned scope is disposed (for snapshots).</summary>
    internal ExclusiveScope EnterExclusive()
    {
        _structure.EnterWriteLock();
        return new ExclusiveScope(_structure);
    }

    internal readonly struct ExclusiveScope(ReaderWriterLockSlim rwLock) : IDisposable
    {
        public void Dispose() => rwLock.ExitWriteLock();
    }

    /// <summary>
    /// The distance the graph is built and walked on, between two records (stored nodes or a prepared
    /// query record): exact f32, or for a two-tier index the int8-code estimate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal float Dist<TDistance>(byte* a, byte* b)
        where TDistance : struct, IDistance
    {
        if (_codeOffset == 0)
        {
            return ExactDist<TDistance>(a, b);
        }

        var codesA = new ReadOnlySpan<sbyte>(a + _codeOffset, _dimension);
        var codesB = new ReadOnlySpan<sbyte>(b + _codeOffset, _dimension);
        if (TDistance.Metric == DistanceMetric.L2)
        {
            return _quantizer!.L2Squared(codesA, codesB);
        }

        float dot = _quantizer!.Dot(codesA, *(int*)(a + HnswGraphLayout.CodeSumOffset), codesB, *(int*)(b + HnswGraphLayout.CodeSumOffset));
        return TDistance.Metric == DistanceMetric.Cosine ? 1f - dot : -dot;
    }

    /// <summary>The exact f32 distance between the vectors of two records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal float ExactDist<TDistance>(byte* a, byte* b)
        where TDistance : struct, IDistance =>
        TDistance.Distance(new ReadOnlySpan<float>(a + _vectorOffset, _dimension), new ReadOnlySpan<float>(b + _vectorOffset, _dimension));

    /// <summary>Writes a prepared vector into a record (node or query): the f32 vector and, two-tier, its codes and their sum.</summary>
    private void WriteVector(byte* record, ReadOnlySpan<float> vector)
    {
        vector.CopyTo(new Span<float>(record + _vectorOffset, _dimension));
        if (_codeOffset != 0)
        {
            *(int*)(record + HnswGraphLayout.CodeSumOffset) = _quantizer!.Quantize(vector, new Span<sbyte>(record + _codeOffset, _dimension));
        }
    }

    /// <summary>Fits the two-tier quantiser on the first vectors inserted, once.</summary>
    private void EnsureQuantizer(ReadOnlySpan<float> sample)
    {
        if (_codeOffset == 0 || Volatile.Read(ref _quantizer) is not null)
        {
            return;
        }

        lock (_allocLock)
        {
            if (_quantizer is null)
            {
                float[] prepared = sample.ToArray();
                if (_metric == DistanceMetric.Cosine)
                {
                    for (int i = 0; i < prepared.Length; i += _dimension)
                    {
                        VectorKernels.NormalizeInPlace(prepared.AsSpan(i, _dimension));
                    }
                }

                Volatile.Write(ref _quantizer, ScalarQuantizer.Fit(prepared));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte* Record(int slot) => _level0 + ((long)slot * _stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal float* VectorOf(int slot) => (float*)(_level0 + ((long)slot * _stride) + _vectorOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte FlagsOf(byte* record) => Volatile.Read(ref record[HnswGraphLayout.FlagsOffset]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LevelOf(byte* record) => record[HnswGraphLayout.LevelOffset];

    /// <summary>The slot whose level-0 list holds this node's spanning-tree link (−1 for the root, which is the entry point).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref int ParentOf(int slot) => ref *(int*)(Record(slot) + HnswGraphLayout.ParentOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int IdOf(byte* record) => *(int*)(record + HnswGraphLayout.IdOffset);

    /// <summary>The count word and the links of one layer's list (not synchronised: callers hold the node's lock or the exclusive lock).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int* LinksOf(byte* record, int level, out int count)
    {
        if (level == 0)
        {
            count = *(ushort*)(record + HnswGraphLayout.LinkCountOffset);
            return (int*)(record + HnswGraphLayout.LinksOffset);
        }

        int* list = _upper + *(int*)(record + HnswGraphLayout.UpperOffsetOffset) + ((level - 1) * _layout.UpperListInts);
        count = *list;
        return list + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetLinkCount(byte* record, int level, int count)
    {
        if (level == 0)
        {
            *(ushort*)(record + HnswGraphLayout.LinkCountOffset) = (ushort)count;
        }
        else
        {
            _upper[*(int*)(record + HnswGraphLayout.UpperOffsetOffset) + ((level - 1) * _layout.UpperListInts)] = count;
        }
    }

    private void RefreshPointers()
    {
        _level0 = _memory.Level0;
        _upper = _memory.Upper;
        _capacity = (int)Math.Min(int.MaxValue - 1, _memory.Level0Bytes / _stride);
    }

    private static long PackEntry(int slot, int level) => ((long)level << 32) | (uint)slot;

    private static (int Slot, int Level) UnpackEntry(long packed) => ((int)packed, (int)(packed >> 32));

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfReadOnly()
    {
        if (_memory.IsReadOnly)
        {
            throw new NotSupportedException("This HNSW index is opened read-only.");
        }
    }

    private void ValidateVector(ReadOnlySpan<float> vector, string paramName) =>
        VectorArguments.ThrowIfInvalid(vector, _dimension, paramName);

    private HnswScratch RentScratch() => _scratch.Value!;

    private void PrepareQuery(ReadOnlySpan<float> vector, float[] destination)
    {
        vector.CopyTo(destination);
        if (_metric == DistanceMetric.Cosine)
        {
            VectorKernels.NormalizeInPlace(destination);
        }
    }
}
