using System.Diagnostics;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Evaluation;

/// <summary>Runs labelled queries through a fusion strategy and reports recall, precision, MRR, nDCG, latency and fusion gain.</summary>
/// <remarks>Thread-safe when the source is; queries run one at a time on the calling thread.</remarks>
public static class FusionEvaluator
{
    /// <summary>Evaluates <paramref name="fusion"/> on <paramref name="queries"/> at cut-off <paramref name="k"/>.</summary>
    /// <param name="fusion">The strategy.</param>
    /// <param name="source">The collection's indexes.</param>
    /// <param name="queries">The labelled queries; at least one.</param>
    /// <param name="k">The cut-off (and the number of results asked for); at least 1.</param>
    /// <returns>The mean metrics and latency percentiles.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="queries"/> is empty, or a query fails (see <see cref="IFusion.Search(IFusionSource, FusionQuery)"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public static EvaluationReport Evaluate(IFusion fusion, IFusionSource source, IReadOnlyList<LabelledQuery> queries, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (queries.Count == 0)
        {
            throw new ArgumentException("At least one labelled query is needed.", nameof(queries));
        }

        return Run(fusion, source, queries, k, restrictTo: null);
    }

    /// <summary>Evaluates the fused strategy and each modality alone, to measure the fusion gain.</summary>
    /// <param name="fusion">The strategy.</param>
    /// <param name="source">The collection's indexes.</param>
    /// <param name="queries">The labelled queries; at least one.</param>
    /// <param name="k">The cut-off; at least 1.</param>
    /// <returns>The fused report, the single-modality reports and the gain over the best of them.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="queries"/> is empty or a query fails.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public static FusionGainReport CompareWithSingleModalities(IFusion fusion, IFusionSource source, IReadOnlyList<LabelledQuery> queries, int k = 10)
    {
        var fused = Evaluate(fusion, source, queries, k);
        var single = new Dictionary<Modality, EvaluationReport>();
        var baseline = Fuse.Late(Combine.WeightedSum(Normalize.None));
        foreach (var modality in source.Modalities)
        {
            single[modality] = Run(baseline, source, queries, k, modality);
        }

        var best = single.OrderByDescending(p => p.Value.Ndcg).First().Key;
        return new FusionGainReport(fused, single, best);
    }

    private static EvaluationReport Run(IFusion fusion, IFusionSource source, IReadOnlyList<LabelledQuery> queries, int k, Modality? restrictTo)
    {
        var result = new FusionResult();
        var restricted = new FusionQuery(k);
        var latencies = new List<double>(queries.Count);
        double recall = 0, precision = 0, mrr = 0, ndcg = 0;
        int[] ids = new int[k];
        for (int i = 0; i < queries.Count; i++)
        {
            var labelled = queries[i];
            FusionQuery query;
            if (restrictTo is { } only)
            {
                if (!labelled.Query.TryGetEmbedding(only, out var embedding))
                {
                    continue;
                }

                restricted.Clear();
                restricted.Filter = labelled.Query.Filter;
                restricted.With(only, embedding);
                query = restricted;
            }
            else
            {
                query = labelled.Query.Clone();
                query.K = k;
            }

            long start = Stopwatch.GetTimestamp();
            fusion.Search(source, query, result);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            int n = Math.Min(result.Count, k);
            for (int j = 0; j < n; j++)
            {
                ids[j] = result.Matches[j].Id;
            }

            var ranked = ids.AsSpan(0, n);
            recall += RetrievalMetrics.RecallAtK(ranked, labelled.RelevantIds, k);
            precision += RetrievalMetrics.PrecisionAtK(ranked, labelled.RelevantIds, k);
            mrr += RetrievalMetrics.ReciprocalRank(ranked, labelled.RelevantIds);
            ndcg += RetrievalMetrics.NdcgAtK(ranked, labelled.RelevantIds, k);
        }

        int count = queries.Count;
        return new EvaluationReport(k, count, recall / count, precision / count, mrr / count, ndcg / count, LatencyPercentiles.FromSamples(latencies.ToArray()));
    }
}
