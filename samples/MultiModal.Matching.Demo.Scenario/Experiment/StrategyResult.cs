namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>How one strategy did on one query set.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Recall">Recall@k: the share of queries whose item is in the top k.</param>
/// <param name="Mrr">MRR@k: the mean of 1/rank of the item (0 beyond k).</param>
/// <param name="MedianMicroseconds">The median search latency (query embeddings given, encoding excluded).</param>
public sealed record StrategyResult(Strategy Strategy, double Recall, double Mrr, double MedianMicroseconds);
