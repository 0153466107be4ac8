using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// Per-thread scratch for one search: grow-only arrays, so that a warm thread allocates nothing.
/// Rented from a small per-thread stack, so that a hybrid's coarse stage gets its own.
/// </summary>
internal sealed partial class FusionWorkspace
{
    [ThreadStatic]
    private static FusionWorkspace?[]? t_pool;

    [ThreadStatic]
    private static int t_pooled;

    // Per modality slot.
    public int Slots;
    public Encoding.Modality[] ModalityOf = [];
    public bool[] HasQuery = [];
    public bool[] Searched = [];
    public float[] Weight = [];
    public MissingModalityPolicy[] QueryPolicy = [];
    public MissingModalityPolicy[] ItemPolicy = [];
    public DistanceMetric[] Metric = [];
    public IVectorIndex?[] Index = [];
    public float[][] Query = [];
    public Neighbor[][] Lists = [];
    public int[] ListCount = [];
    public float[][] ListRaw = [];

    // The normalised score of each list entry (late fusion): a retrieved cell's normalised score is
    // ListNorm[m][rank − 1], and its raw score ListRaw[m][rank − 1], so the merge does not copy them into the cells.
    public float[][] ListNorm = [];
    public ListStats[] Stats = [];
    public int[] RecomputedCells = [];
    public byte[] GapState = [];
    public float[] GapNorm = [];
    public MissingModalityPolicy[] GapPolicy = [];

    // Per candidate, and per slot × candidate: slot m's cells are [m·CellStride, m·CellStride + CandidateCount), so the
    // passes over one slot read contiguous memory and a cell's candidate is found by a subtraction, not a division.
    public int CandidateCount;
    public int CellStride;
    public int[] CandidateIds = [];
    public CandidateIdTable IdTable = new();
    public byte[] CellState = [];

    // Raw and normalised scores of recomputed and filled cells; a retrieved cell's are read through its rank (ListRaw, ListNorm).
    public float[] CellRaw = [];
    public int[] CellRank = [];
    public float[] CellNorm = [];
    public float[] CellTerm = [];
    public float[] Fused = [];

    // The combiner term of each entry of the list being merged.
    public float[] ListTerm = [];
    public float[] Scale = [];
    public float[] WeightSum = [];
    public float[] WeightMax = [];
    public int[] Hits = [];

    // Top-k positions (candidate indexes), best first.
    public int[] Top = [];

    // Exact scoring scratch.
    public float[] Gather = [];
    public int[] GatherIndex = [];
    public float[] GatherScore = [];
    public int[] GatherId = [];
    public bool[] GatherFound = [];
    public float[] Vector = [];

    // Early fusion and hybrid.
    public float[] Joint = [];
    public float[] JointItem = [];
    public float[] JointWeight = [];
    public Neighbor[] JointFound = [];
    public FusionQuery CoarseQuery = new();
    public FusionResult CoarseResult = new();

    public static FusionWorkspace Rent()
    {
        var pool = t_pool;
        if (pool is not null && t_pooled > 0)
        {
            var w = pool[--t_pooled]!;
            pool[t_pooled] = null;
            return w;
        }

        return new FusionWorkspace();
    }

    public static void Return(FusionWorkspace workspace)
    {
        var pool = t_pool ??= new FusionWorkspace?[4];
        if (t_pooled < pool.Length)
        {
            pool[t_pooled++] = workspace;
        }
    }

    public static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }

    public void EnsureSlots(int slots)
    {
        Slots = slots;
        if (HasQuery.Length >= slots)
        {
            return;
        }

        ModalityOf = new Encoding.Modality[slots];
        HasQuery = new bool[slots];
        Searched = new bool[slots];
        Weight = new float[slots];
        QueryPolicy = new MissingModalityPolicy[slots];
        ItemPolicy = new MissingModalityPolicy[slots];
        Metric = new DistanceMetric[slots];
        Index = new IVectorIndex?[slots];
        Query = new float[slots][];
        Lists = new Neighbor[slots][];
        ListCount = new int[slots];
        ListRaw = new float[slots][];
        ListNorm = new float[slots][];
        Stats = new ListStats[slots];
        RecomputedCells = new int[slots];
        GapState = new byte[slots];
        GapNorm = new float[slots];
        GapPolicy = new MissingModalityPolicy[slots];
        for (int m = 0; m < slots; m++)
        {
            Query[m] = [];
            Lists[m] = [];
            ListRaw[m] = [];
            ListNorm[m] = [];
        }
    }

    /// <summary>
    /// Makes room for <paramref name="capacity"/> candidates. The cell arrays are reallocated (their contents are not
    /// kept) when the stride must grow; callers fill every cell they read after this call.
    /// </summary>
    public void EnsureCandidates(int capacity)
    {
        Grow(ref CandidateIds, capacity);
        Grow(ref Fused, capacity);
        Grow(ref Scale, capacity);
        Grow(ref WeightSum, capacity);
        Grow(ref WeightMax, capacity);
        Grow(ref Hits, capacity);
        if (CellStride < capacity || CellState.Length < CellStride * Slots)
        {
            CellStride = Math.Max(capacity, CellStride * 2);
            int cells = CellStride * Slots;
            CellState = new byte[cells];
            CellRaw = new float[cells];
            CellRank = new int[cells];
            CellNorm = new float[cells];
            CellTerm = new float[cells];
        }
    }

    /// <summary>The position of (slot, candidate) in the cell arrays.</summary>
    public int Cell(int slot, int candidate) => (slot * CellStride) + candidate;
}
