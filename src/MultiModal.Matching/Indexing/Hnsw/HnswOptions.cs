namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// The parameters of an <see cref="HnswIndex"/>. Validated when the index is created; the index keeps
/// its own copy, so changing an options object afterwards has no effect on an existing index.
/// </summary>
/// <remarks>Not thread-safe; configure it on one thread, then hand it to the index constructor.</remarks>
public sealed class HnswOptions
{
    /// <summary>The largest dimension accepted.</summary>
    public const int MaxDimension = 65_536;

    /// <summary>The largest <see cref="M"/> accepted (level-0 lists hold 2·M links).</summary>
    public const int MaxM = 128;

    /// <summary>The number of components of every vector. Required; 1 to <see cref="MaxDimension"/>.</summary>
    public int Dimension { get; set; }

    /// <summary>The metric that defines the distance. Default <see cref="DistanceMetric.Cosine"/>.</summary>
    public DistanceMetric Metric { get; set; } = DistanceMetric.Cosine;

    /// <summary>Links per node on the upper layers; level 0 keeps 2·M. Default 16; 2 to <see cref="MaxM"/>.</summary>
    public int M { get; set; } = 16;

    /// <summary>Beam width while inserting. Default 200; at least 1.</summary>
    public int EfConstruction { get; set; } = 200;

    /// <summary>Beam width of a search when the caller passes none. Default 64; at least 1.</summary>
    public int EfSearch { get; set; } = 64;

    /// <summary>The seed of the level generator. A single-threaded build with the same seed and the same inserts is identical bit for bit.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>Slots reserved up front; the graph grows by doubling beyond it. Default 1024; at least 1.</summary>
    public int InitialCapacity { get; set; } = 1024;

    /// <summary>
    /// The fraction of removed-but-not-yet-freed nodes (tombstones) among all occupied slots that
    /// triggers a compaction during <see cref="HnswIndex.Remove"/>. Default 0.25; in (0, 1].
    /// </summary>
    public double CompactionThreshold { get; set; } = 0.25;

    /// <summary>
    /// Two-tier search: <see cref="HnswQuantization.Int8"/> stores an int8 code beside every vector, builds
    /// and traverses the graph on the codes (a quarter of the memory traffic) and re-ranks the best
    /// k·<see cref="RerankOversampling"/> candidates exactly in f32. Default <see cref="HnswQuantization.None"/>.
    /// </summary>
    /// <remarks>
    /// The quantiser (one offset and step for all components) is fitted on the first batch given to
    /// <see cref="HnswIndex.AddRange"/> on an empty index (on the first vector when the first insert is
    /// <see cref="HnswIndex.Add"/>); for cosine it is fixed to [−1, 1]. Set <see cref="QuantizationMin"/> and
    /// <see cref="QuantizationMax"/> to fix the range yourself. Values outside the range are clamped.
    /// </remarks>
    public HnswQuantization Quantization { get; set; } = HnswQuantization.None;

    /// <summary>
    /// Two-tier only: of the ef candidates the traversal keeps, the best k·RerankOversampling (by code
    /// distance) are re-scored exactly in f32 before the top k are returned. Default 4; at least 1.
    /// Raise efSearch with it: ef bounds how many candidates exist to re-rank.
    /// </summary>
    public int RerankOversampling { get; set; } = 4;

    /// <summary>Two-tier only: the smallest component value the codes represent (with <see cref="QuantizationMax"/>), or null to fit it.</summary>
    public float? QuantizationMin { get; set; }

    /// <summary>Two-tier only: the largest component value the codes represent (with <see cref="QuantizationMin"/>), or null to fit it.</summary>
    public float? QuantizationMax { get; set; }

    /// <summary>Returns an independent copy.</summary>
    /// <returns>A new options object with the same values.</returns>
    public HnswOptions Clone() => (HnswOptions)MemberwiseClone();

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1, nameof(Dimension));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Dimension, MaxDimension, nameof(Dimension));
        if (!Enum.IsDefined(Metric))
        {
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "Unknown metric.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2, nameof(M));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(M, MaxM, nameof(M));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, 1, nameof(EfConstruction));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1, nameof(EfSearch));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialCapacity, 1, nameof(InitialCapacity));
        if (!Enum.IsDefined(Quantization))
        {
            throw new ArgumentOutOfRangeException(nameof(Quantization), Quantization, "Unknown quantization.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RerankOversampling, 1, nameof(RerankOversampling));
        if (QuantizationMin.HasValue != QuantizationMax.HasValue
            || (QuantizationMin is float min && QuantizationMax is float max && !(float.IsFinite(min) && float.IsFinite(max) && min < max)))
        {
            throw new ArgumentOutOfRangeException(nameof(QuantizationMin), "Give both QuantizationMin and QuantizationMax, finite, with min < max, or neither.");
        }

        if (!(CompactionThreshold > 0 && CompactionThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CompactionThreshold), CompactionThreshold, "Must be in (0, 1].");
        }
    }
}
