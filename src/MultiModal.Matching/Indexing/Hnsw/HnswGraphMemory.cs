namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// The seam between the HNSW algorithm and whatever holds its bytes: two regions, each a
/// (pointer, length) pair. <see cref="Level0"/> holds the fixed-stride, 64-byte-aligned level-0
/// records; <see cref="Upper"/> holds the upper-layer link lists (int32). Together with
/// <see cref="HnswGraphHeader"/> they are the whole persistent state of the graph, laid out as
/// docs/hnsw-layout.md describes, so a memory-mapped file can back them without conversion.
/// </summary>
/// <remarks>
/// The index caches the pointers and re-reads them only after <see cref="Resize"/>, which it calls
/// while holding its structural write lock (no reader is inside the regions then).
/// </remarks>
internal abstract unsafe class HnswGraphMemory : IDisposable
{
    /// <summary>Start of the level-0 records; 64-byte aligned.</summary>
    public abstract byte* Level0 { get; }

    /// <summary>Bytes available at <see cref="Level0"/> (a multiple of the record stride).</summary>
    public abstract long Level0Bytes { get; }

    /// <summary>Start of the upper-layer lists; 4-byte aligned at least.</summary>
    public abstract int* Upper { get; }

    /// <summary>Ints available at <see cref="Upper"/>.</summary>
    public abstract long UpperInts { get; }

    /// <summary>Whether the regions may not be written (a read-only mapping).</summary>
    public abstract bool IsReadOnly { get; }

    /// <summary>Grows the regions to at least these sizes, keeping their contents; new bytes are zero.</summary>
    /// <param name="level0Bytes">The new minimum size of the level-0 region.</param>
    /// <param name="upperInts">The new minimum size of the upper region.</param>
    /// <exception cref="NotSupportedException">The memory is read-only.</exception>
    public abstract void Resize(long level0Bytes, long upperInts);

    /// <summary>Releases the regions.</summary>
    public abstract void Dispose();
}
