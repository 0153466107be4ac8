using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// Fagin's threshold: the best fused score an item outside every current list could still reach. Each list is
/// sorted, so an unseen item scores at most the list's last score there (or, if the list is exhausted, lacks the
/// modality and gets its fallback). Every presence pattern is bounded with the fusion's own (monotone) formula.
/// </summary>
internal static class ThresholdAlgorithm
{
    private const int MaxSlots = 12;

    public static float UnseenBound(FusionWorkspace ws, ScoreCombination combination)
    {
        int slots = Math.Min(ws.Slots, MaxSlots);
        Span<float> bound = stackalloc float[slots];
        Span<float> fallback = stackalloc float[slots];
        Span<bool> canHave = stackalloc bool[slots];
        Span<bool> canLack = stackalloc bool[slots];
        Span<float> terms = stackalloc float[slots];
        Span<bool> present = stackalloc bool[slots];
        var weights = ws.Weight.AsSpan(0, slots);
        for (int m = 0; m < slots; m++)
        {
            if (ws.Weight[m] <= 0)
            {
                continue;
            }

            if (!ws.Searched[m])
            {
                bound[m] = ws.QueryPolicy[m].FillValue;
                canHave[m] = true;
                continue;
            }

            int n = ws.ListCount[m];
            canHave[m] = n > 0;
            canLack[m] = true;
            if (n > 0)
            {
                bound[m] = Normalize(ws.ListRaw[m][n - 1], ws.Stats[m], combination.Normalization);
            }

            var policy = ws.ItemPolicy[m];
            fallback[m] = policy.HasFillValue ? policy.FillValue : float.NaN;
        }

        bool isMax = combination.Kind == CombinationKind.Max;
        float best = float.NegativeInfinity;
        int patterns = 1 << slots;
        for (int p = 0; p < patterns; p++)
        {
            bool valid = true, anySearchedPresent = false;
            for (int m = 0; m < slots && valid; m++)
            {
                bool has = (p & (1 << m)) != 0;
                present[m] = false;
                if (ws.Weight[m] <= 0)
                {
                    valid = !has;
                    continue;
                }

                if (!ws.Searched[m])
                {
                    valid = has;
                    present[m] = ws.QueryPolicy[m].Kind == MissingModalityKind.Fill;
                    terms[m] = bound[m];
                    continue;
                }

                if (has)
                {
                    valid = canHave[m];
                    present[m] = true;
                    terms[m] = bound[m];
                    anySearchedPresent = true;
                }
                else if (!float.IsNaN(fallback[m]))
                {
                    present[m] = true;
                    terms[m] = fallback[m];
                }
            }

            // An item with none of the query's searched modalities can never be found, so it is not bounded.
            if (valid && anySearchedPresent)
            {
                best = MathF.Max(best, CandidateScoring.FuseTerms(weights, terms, present, isMax));
            }
        }

        return best;
    }

    private static float Normalize(float raw, in ListStats stats, ScoreNormalization normalization) => normalization switch
    {
        ScoreNormalization.None => NoNormalizer.Apply(raw, 0, stats),
        ScoreNormalization.MetricMap => MetricMapNormalizer.Apply(raw, 0, stats),
        _ => CalibratedNormalizer.Apply(raw, 0, stats),
    };
}
