using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// <see cref="HnswGraphMemory"/> over the graph regions of a mapped, read-only space segment: the
/// index searches the file's pages in place. The segment owns the mapping; this object only
/// borrows its pointers, so it must not outlive the store that mapped them.
/// </summary>
internal sealed unsafe class MappedHnswGraphMemory : HnswGraphMemory
{
    private readonly SpaceGraphRegions _regions;

    public MappedHnswGraphMemory(SpaceGraphRegions regions) => _regions = regions;

    public override byte* Level0 => _regions.Level0;

    public override long Level0Bytes => _regions.Level0Length;

    public override int* Upper => (int*)_regions.Upper;

    public override long UpperInts => _regions.UpperLength / sizeof(int);

    public override bool IsReadOnly => true;

    public override void Resize(long level0Bytes, long upperInts) =>
        throw new NotSupportedException("A graph mapped from a read-only collection cannot grow; open the collection read-write.");

    public override void Dispose()
    {
        // The store owns the mapping.
    }
}
