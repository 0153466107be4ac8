using MultiModal.Matching.Evaluation;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// Tunes late fusion from labelled queries: for every candidate normaliser/combiner it runs a seeded coordinate
/// search over per-modality weights (each weight tried at every grid value, a few rounds), keeps the configuration
/// with the best mean nDCG@k on the training queries, and reports it on held-out validation queries.
/// </summary>
/// <remarks>
/// Each query's per-modality lists are retrieved once and re-fused for every configuration, so tuning costs
/// one retrieval per query plus microseconds per configuration. Deterministic for a given seed.
/// Thread-safe: a tuner holds only its options.
/// </remarks>
public sealed class FusionTuner
{
    private readonly FusionTunerOptions _options;

    /// <summary>Creates a tuner.</summary>
    /// <param name="options">The search space and protocol; defaults when null.</param>
    public FusionTuner(FusionTunerOptions? options = null)
    {
        _options = options ?? new FusionTunerOptions();
    }

    /// <summary>Finds the best late fusion for the labelled queries.</summary>
    /// <param name="source">The collection's indexes.</param>
    /// <param name="queries">At least 2 labelled queries (1 if <see cref="FusionTunerOptions.ValidationFraction"/> is 0).</param>
    /// <returns>The tuned fusion and its train and validation scores.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Too few queries, an invalid option, or a query fails.</exception>
    public FusionTuningResult Tune(IFusionSource source, IReadOnlyList<LabelledQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(queries);
        var o = _options;
        if (o.K < 1 || o.Rounds < 1 || o.ValidationFraction is < 0 or > 0.9 || o.WeightGrid.Count == 0
            || o.WeightGrid.Any(w => !float.IsFinite(w) || w < 0) || o.Combinations.Count == 0 || o.Base is null)
        {
            throw new ArgumentException("Invalid tuner options: K and Rounds must be ≥ 1, ValidationFraction in [0, 0.9], the weight grid non-empty and non-negative, and a combination and a base given.", nameof(queries));
        }

        int validation = o.ValidationFraction > 0 && queries.Count >= 2
            ? Math.Clamp((int)Math.Round(queries.Count * o.ValidationFraction), 1, queries.Count - 1)
            : 0;
        if (queries.Count - validation < 1 || (o.ValidationFraction > 0 && validation == 0))
        {
            throw new ArgumentException("Tuning needs at least one training query (and one for validation when a fraction is held out).", nameof(queries));
        }

        var random = new Random(o.Seed);
        var order = Enumerable.Range(0, queries.Count).ToArray();
        random.Shuffle(order);
        int window = o.Base.Window;
        var cached = queries.Select(q => LateFusionEngine.RetrieveAll(source, q.Query, Math.Max(window, o.K))).ToArray();
        var train = order.Skip(validation).ToArray();
        var held = order.Take(validation).ToArray();
        var modalities = source.Modalities;
        var result = new FusionResult();
        var query = new FusionQuery(o.K);
        int tried = 0;

        double Score(LateFusion fusion, int[] subset)
        {
            tried++;
            double sum = 0;
            var ids = new int[o.K];
            foreach (int i in subset)
            {
                query.CopyFrom(queries[i].Query, o.K);
                LateFusionEngine.SearchCached(fusion, source, query, cached[i], o.K, result);
                int n = Math.Min(result.Count, o.K);
                for (int j = 0; j < n; j++)
                {
                    ids[j] = result.Matches[j].Id;
                }

                sum += RetrievalMetrics.NdcgAtK(ids.AsSpan(0, n), queries[i].RelevantIds, o.K);
            }

            return sum / subset.Length;
        }

        LateFusion? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var combination in o.Combinations)
        {
            if (combination.Normalization == ScoreNormalization.Calibrated && source.Calibration is null)
            {
                continue;
            }

            var weights = Enumerable.Repeat(1f, modalities.Count).ToArray();
            LateFusion Build(float[] w)
            {
                var fusion = o.Base.WithCombination(combination);
                for (int m = 0; m < modalities.Count; m++)
                {
                    fusion = fusion.Weighted(modalities[m], w[m]);
                }

                return fusion;
            }

            double current = Score(Build(weights), train);
            var coordinates = Enumerable.Range(0, modalities.Count).ToArray();
            for (int round = 0; round < o.Rounds; round++)
            {
                random.Shuffle(coordinates);
                foreach (int m in coordinates)
                {
                    foreach (float value in o.WeightGrid)
                    {
                        float previous = weights[m];
                        if (value == previous)
                        {
                            continue;
                        }

                        weights[m] = value;
                        double score = weights.Any(w => w > 0) ? Score(Build(weights), train) : double.NegativeInfinity;
                        if (score > current + 1e-12)
                        {
                            current = score;
                        }
                        else
                        {
                            weights[m] = previous;
                        }
                    }
                }
            }

            if (current > bestScore + 1e-12)
            {
                bestScore = current;
                best = Build(weights);
            }
        }

        if (best is null)
        {
            throw new ArgumentException("No combination could be evaluated (calibrated ones need a calibration).", nameof(queries));
        }

        double validationScore = held.Length > 0 ? Score(best, held) : double.NaN;
        double baseline = held.Length > 0 ? Score(o.Base, held) : double.NaN;
        return new FusionTuningResult(best, bestScore, validationScore, baseline, train.Length, held.Length, tried);
    }
}
