namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>Everything the scenario measured.</summary>
/// <param name="ItemCount">Items in the collection.</param>
/// <param name="QueryCount">Queries per query set.</param>
/// <param name="Location">The collection's directory, or "(in memory)".</param>
/// <param name="IndexSeconds">Time to encode and index the catalogue.</param>
/// <param name="ReopenSeconds">Time to reopen the collection from its directory (0 in memory).</param>
/// <param name="Complete">Per strategy, on queries that keep every modality.</param>
/// <param name="WithGaps">Per strategy, on the same queries with modalities randomly missing.</param>
/// <param name="Example">One explained match.</param>
public sealed record ScenarioResult(
    int ItemCount,
    int QueryCount,
    string Location,
    double IndexSeconds,
    double ReopenSeconds,
    IReadOnlyList<StrategyResult> Complete,
    IReadOnlyList<StrategyResult> WithGaps,
    ExplainedExample? Example)
{
    /// <summary>The best fused recall minus the best single-modality recall, on complete queries.</summary>
    public double FusionGain => Gain(Complete);

    /// <summary>The same on queries with gaps.</summary>
    public double FusionGainWithGaps => Gain(WithGaps);

    /// <summary>The best recall of a single-modality row.</summary>
    public static double BestSingle(IReadOnlyList<StrategyResult> rows) => rows.Where(r => !r.Strategy.IsFused).Max(r => r.Recall);

    /// <summary>The best recall of a fused row.</summary>
    public static double BestFused(IReadOnlyList<StrategyResult> rows) => rows.Where(r => r.Strategy.IsFused).Max(r => r.Recall);

    private static double Gain(IReadOnlyList<StrategyResult> rows) => BestFused(rows) - BestSingle(rows);
}

/// <summary>A query whose item fusion found although a single modality did not, with the match's explanation.</summary>
/// <param name="QueryText">The query's text.</param>
/// <param name="Strategy">The fused strategy that found it.</param>
/// <param name="Match">The top match (the right item), with its per-modality explanation.</param>
/// <param name="SingleModalityRanks">The item's rank under each single modality alone (0 = not in the top k).</param>
public sealed record ExplainedExample(string QueryText, string Strategy, MultiModalMatch Match, IReadOnlyDictionary<string, int> SingleModalityRanks);
