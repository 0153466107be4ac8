using System.Runtime.CompilerServices;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// Per-thread working memory of searches and inserts: the generation-stamped visited set, the two
/// heaps, link copies and a query buffer. Rented from <see cref="HnswIndex"/>'s thread-local pool,
/// so a warm search allocates nothing.
/// </summary>
internal sealed class HnswScratch
{
    private ushort[] _visited = [];
    private ushort _generation;
    private byte[]? _queryRecord;
    private HnswCandidate[] _layerChoices = [];
    private int[] _layerChoiceCounts = [];

    public HnswScratch(int dimension, int maxLinks0)
    {
        Query = new float[dimension];
        Vector = new float[dimension];
        Links = new int[maxLinks0];
        TwoHopLinks = new int[maxLinks0];
        Selected = new HnswCandidate[maxLinks0 + 1];
        Chosen = new HnswCandidate[maxLinks0 + 1];
        RepairLinks = new int[maxLinks0];
        Pool = new HnswCandidate[4 * (maxLinks0 + 1)];
    }

    public HnswHeap Frontier { get; } = new(isMax: false, 256);

    public HnswHeap Results { get; } = new(isMax: true, 256);

    /// <summary>The query, normalised for cosine.</summary>
    public float[] Query { get; }

    /// <summary>A second vector buffer (the inserted vector, a repaired node's vector).</summary>
    public float[] Vector { get; }

    /// <summary>A copy of one node's links, taken under its seqlock.</summary>
    public int[] Links { get; }

    /// <summary>A copy of a neighbour's links for two-hop filtered expansion.</summary>
    public int[] TwoHopLinks { get; }

    /// <summary>Output of the neighbour-selection heuristic.</summary>
    public HnswCandidate[] Selected { get; }

    /// <summary>A new node's chosen neighbours on the layer being linked.</summary>
    public HnswCandidate[] Chosen { get; }

    /// <summary>A removed node's links while its neighbours are repaired.</summary>
    public int[] RepairLinks { get; }

    /// <summary>Candidate lists for neighbour selection and repair.</summary>
    public HnswCandidate[] Pool { get; set; }

    /// <summary>
    /// A new node's chosen neighbours for every layer it is linked on: layer l at [l·m, l·m + m).
    /// Grown on demand, so a warm insert allocates nothing.
    /// </summary>
    public Span<HnswCandidate> LayerChoices(int layers, int m)
    {
        if (_layerChoices.Length < layers * m)
        {
            _layerChoices = new HnswCandidate[Math.Max(layers, 4) * m];
        }

        return _layerChoices.AsSpan(0, layers * m);
    }

    /// <summary>How many neighbours <see cref="LayerChoices"/> holds per layer.</summary>
    public Span<int> LayerChoiceCounts(int layers)
    {
        if (_layerChoiceCounts.Length < layers)
        {
            _layerChoiceCounts = new int[Math.Max(layers, 4)];
        }

        return _layerChoiceCounts.AsSpan(0, layers);
    }

    /// <summary>A pinned, 64-byte-aligned buffer laid out like a record, holding the prepared query (vector and codes).</summary>
    public unsafe byte* QueryRecord(int stride)
    {
        if (_queryRecord is null || _queryRecord.Length < stride + 64)
        {
            _queryRecord = GC.AllocateArray<byte>(stride + 64, pinned: true);
        }

        byte* p = (byte*)Unsafe.AsPointer(ref _queryRecord[0]);
        return (byte*)(((nint)p + 63) & ~(nint)63);
    }

    /// <summary>Starts a new visit: every slot below <paramref name="capacity"/> becomes unvisited.</summary>
    public void BeginVisit(int capacity)
    {
        if (_visited.Length < capacity)
        {
            _visited = new ushort[Math.Max(capacity, _visited.Length * 2)];
            _generation = 0;
        }

        if (++_generation == 0)
        {
            Array.Clear(_visited);
            _generation = 1;
        }
    }

    /// <summary>Marks a slot visited; returns <see langword="false"/> when it already was.</summary>
    public bool TryVisit(int slot)
    {
        ref ushort tag = ref _visited[slot];
        if (tag == _generation)
        {
            return false;
        }

        tag = _generation;
        return true;
    }

    public bool IsVisited(int slot) => _visited[slot] == _generation;

    public ref ushort VisitedTag(int slot) => ref _visited[slot];

    public ushort Generation => _generation;
}
