using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

/// <summary>Scores every item of the test collection by definition (no index, no window): the oracle for exact fused top-k.</summary>
internal static class ExhaustiveOracle
{
    /// <summary>Window-independent normalisers only (None, MetricMap); WeightedSum or Max; items outside the lists scored exactly.</summary>
    public static (int Id, float Score)[] TopK(FusionTestData data, FusionQuery query, float[] weights, ScoreCombination combination, MissingModalityPolicy itemPolicy, int k)
    {
        int slots = data.Modalities.Length;
        var embeddings = new float[]?[slots];
        double total = 0;
        for (int m = 0; m < slots; m++)
        {
            embeddings[m] = query.TryGetEmbedding(data.Modalities[m], out var e) ? e.ToArray() : null;
            total += embeddings[m] is null ? 0 : weights[m];
        }

        var scored = new List<(int Id, float Score)>();
        for (int id = 0; id < data.Count; id++)
        {
            var w = new List<float>();
            var terms = new List<float>();
            bool anySearched = false;
            for (int m = 0; m < slots; m++)
            {
                if (embeddings[m] is null || weights[m] <= 0)
                {
                    continue;
                }

                float raw = data.Similarity(m, embeddings[m], id);
                if (!float.IsNaN(raw))
                {
                    anySearched = true;
                    w.Add((float)(weights[m] / total));
                    terms.Add(Normalise(raw, data.Indexes[m].Metric, combination.Normalization));
                }
                else if (itemPolicy.HasFillValue)
                {
                    w.Add((float)(weights[m] / total));
                    terms.Add(itemPolicy.FillValue);
                }
            }

            if (!anySearched)
            {
                continue;
            }

            float score;
            if (combination.Kind == CombinationKind.Max)
            {
                float wmax = w.Max();
                score = w.Zip(terms, (a, b) => a / wmax * b).Max();
            }
            else
            {
                float wsum = w.Sum();
                score = w.Zip(terms, (a, b) => a / wsum * b).Sum();
            }

            scored.Add((id, score));
        }

        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Id).Take(k)];
    }

    private static float Normalise(float raw, DistanceMetric metric, ScoreNormalization normalization) => normalization switch
    {
        ScoreNormalization.None => raw,
        _ => metric switch
        {
            DistanceMetric.Cosine => (1 + raw) / 2,
            DistanceMetric.DotProduct => 0.5f + (MathF.Atan(raw) / MathF.PI),
            _ => 1 - (2 * MathF.Atan(raw * raw) / MathF.PI),
        },
    };
}
