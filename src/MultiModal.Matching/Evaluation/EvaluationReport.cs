namespace MultiModal.Matching.Evaluation;

/// <summary>Mean retrieval quality and latency of one fusion strategy over a set of labelled queries.</summary>
/// <param name="K">The cut-off.</param>
/// <param name="QueryCount">How many queries were run.</param>
/// <param name="Recall">Mean recall@k.</param>
/// <param name="Precision">Mean precision@k.</param>
/// <param name="Mrr">Mean reciprocal rank (within the top k).</param>
/// <param name="Ndcg">Mean nDCG@k.</param>
/// <param name="Latency">Per-query latency, microseconds.</param>
public sealed record EvaluationReport(int K, int QueryCount, double Recall, double Precision, double Mrr, double Ndcg, LatencyPercentiles Latency);
