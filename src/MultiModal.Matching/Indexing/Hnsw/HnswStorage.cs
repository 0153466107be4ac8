using System.Runtime.InteropServices;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// Persisting an <see cref="HnswIndex"/> into a collection's space segment and reopening it:
/// read-only over the mapping (no copy, no rebuild) or as a writable in-memory copy.
/// </summary>
/// <remarks>
/// The segment holds the graph's three regions exactly as docs/hnsw-layout.md lays them out:
/// the 72-byte <see cref="HnswGraphHeader"/>, the level-0 records and the upper-layer lists.
/// </remarks>
internal static unsafe class HnswStorage
{
    /// <summary>A checkpoint source that snapshots <paramref name="index"/> under its exclusive lock.</summary>
    public static ISpaceGraphSource AsGraphSource(HnswIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new GraphSource(index);
    }

    /// <summary>
    /// For a read-write store: the space's graph as a writable index holding exactly the store's live
    /// items that have a vector in the space — the checkpointed graph (copied) when there is one, else
    /// a new index — brought up to date with the log tail (adds and deletes since the checkpoint), and
    /// attached so that checkpoints persist it. The caller then applies each later write to both.
    /// </summary>
    /// <param name="store">A read-write store.</param>
    /// <param name="space">The space index.</param>
    /// <param name="options">Parameters for a new graph (dimension and metric must match the space); a persisted graph keeps its own M.</param>
    /// <exception cref="CorruptIndexException">The persisted graph is damaged.</exception>
    /// <exception cref="InvalidOperationException">The store is read-only.</exception>
    public static HnswIndex Attach(CollectionStore store, int space, HnswOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        SpaceSegment segment = store.GetCheckpointedSpace(space);
        HnswIndex index = segment.TryGetGraph(out _) ? LoadCopy(segment, options.EfSearch) : new HnswIndex(options);
        try
        {
            var vector = new float[store.Spaces[space].Dimension];
            int rows = store.RowCount;
            for (int id = 0; id < rows; id++)
            {
                bool live = store.IsLive(id) && store.HasVector(space, id);
                bool present = index.Contains(id);
                if (live && !present && store.TryCopyVector(space, id, vector))
                {
                    index.Add(id, vector);
                }
                else if (!live && present)
                {
                    index.Remove(id);
                }
            }

            store.SetGraphSource(space, AsGraphSource(index));
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Whether the space segment holds a persisted graph.</summary>
    public static bool HasGraph(SpaceSegment segment) => segment.TryGetGraph(out _);

    /// <summary>
    /// Opens the persisted graph of <paramref name="segment"/> for searching in place. Time and memory
    /// do not depend on the graph's size; pages are read as searches touch them. The index is
    /// read-only (adds and removes throw <see cref="NotSupportedException"/>) and valid while the
    /// store that mapped the segment is open and has not checkpointed.
    /// </summary>
    /// <exception cref="CorruptIndexException">The segment has no graph, or its header fails a check.</exception>
    public static HnswIndex OpenMapped(SpaceSegment segment, int efSearch = 64)
    {
        SpaceGraphRegions regions = RequireGraph(segment);
        HnswGraphHeader header = ReadHeader(regions);
        return Open(regions, header, new MappedHnswGraphMemory(regions), efSearch);
    }

    /// <summary>Copies the persisted graph into memory as a writable index (for a read-write collection).</summary>
    /// <exception cref="CorruptIndexException">The segment has no graph, or its header fails a check.</exception>
    public static HnswIndex LoadCopy(SpaceSegment segment, int efSearch = 64)
    {
        SpaceGraphRegions regions = RequireGraph(segment);
        HnswGraphHeader header = ReadHeader(regions);
        var memory = new NativeHnswGraphMemory(Math.Max(regions.Level0Length, 64), Math.Max(regions.UpperLength / sizeof(int), 64));
        try
        {
            Buffer.MemoryCopy(regions.Level0, memory.Level0, memory.Level0Bytes, regions.Level0Length);
            Buffer.MemoryCopy(regions.Upper, memory.Upper, memory.UpperInts * sizeof(int), regions.UpperLength);
            return Open(regions, header, memory, efSearch);
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    private static HnswIndex Open(SpaceGraphRegions regions, HnswGraphHeader header, HnswGraphMemory memory, int efSearch)
    {
        var options = new HnswOptions
        {
            Dimension = header.Dimension,
            Metric = (DistanceMetric)header.Metric,
            M = header.M,
            EfConstruction = Math.Max(header.EfConstruction, header.M),
            EfSearch = efSearch,
            InitialCapacity = Math.Max(1, header.SlotCount),
            Quantization = header.CodeOffset != 0 ? HnswQuantization.Int8 : HnswQuantization.None,
        };
        try
        {
            return new HnswIndex(options, memory, header);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new CorruptIndexException(regions.Path, "HNSW graph header", e.Message, e);
        }
    }

    private static SpaceGraphRegions RequireGraph(SpaceSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segment.TryGetGraph(out SpaceGraphRegions regions)
            ? regions
            : throw new CorruptIndexException(segment.File.File.Path, "graph regions present");
    }

    private static HnswGraphHeader ReadHeader(SpaceGraphRegions regions)
    {
        if (regions.Header.Length != sizeof(HnswGraphHeader))
        {
            throw new CorruptIndexException(regions.Path, "HNSW graph header length", $"{regions.Header.Length} bytes, {sizeof(HnswGraphHeader)} expected");
        }

        return MemoryMarshal.Read<HnswGraphHeader>(regions.Header);
    }

    private sealed class GraphSource(HnswIndex index) : ISpaceGraphSource
    {
        public void WriteGraph(SpaceGraphWriter writer)
        {
            using HnswIndex.ExclusiveScope exclusive = index.EnterExclusive();
            HnswGraphHeader header = index.CaptureHeader();
            writer.WriteHeader(MemoryMarshal.AsBytes(new ReadOnlySpan<HnswGraphHeader>(in header)));
            writer.WriteLevel0(index.GraphMemory.Level0, (long)header.SlotCount * header.Stride);
            writer.WriteUpper((byte*)index.GraphMemory.Upper, header.UpperUsed * sizeof(int));
        }
    }
}
