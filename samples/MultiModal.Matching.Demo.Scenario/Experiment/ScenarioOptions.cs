using MultiModal.Matching.Demo.Scenario.Catalogue;

namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>What the scenario builds and measures.</summary>
public sealed record ScenarioOptions
{
    /// <summary>The catalogue's size, seed, gaps and degradations.</summary>
    public CatalogueOptions Catalogue { get; init; } = new();

    /// <summary>Where the collection is written and reopened from; null keeps it in memory.</summary>
    public string? Directory { get; init; }

    /// <summary>The cut-off of recall@k and MRR@k.</summary>
    public int K { get; init; } = 10;

    /// <summary>The strategies (table rows) to measure.</summary>
    public IReadOnlyList<Strategy> Strategies { get; init; } = Strategy.All;
}
