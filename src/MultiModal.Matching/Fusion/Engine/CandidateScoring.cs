using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Fusion;

/// <summary>The steps shared by late and hybrid fusion once candidates and their cells are known.</summary>
internal static partial class CandidateScoring
{
    /// <summary>Fits the per-list statistics the normaliser needs.</summary>
    public static void FitStats(FusionWorkspace ws, IFusionSource source, ScoreNormalization normalization)
    {
        for (int m = 0; m < ws.Slots; m++)
        {
            if (!ws.Searched[m])
            {
                continue;
            }

            float[]? knots = null;
            if (normalization == ScoreNormalization.Calibrated)
            {
                var modality = source.Modalities[m];
                knots = source.Calibration?.KnotsOf(modality)
                    ?? throw new InvalidOperationException($"Calibrated normalisation needs a score calibration for '{modality}'; fit one with ScoreCalibration.Fit and store it with the collection.");
            }

            ws.Stats[m] = ListStats.Of(ws.ListRaw[m].AsSpan(0, ws.ListCount[m]), ws.Metric[m], knots, normalization);
        }
    }

    /// <summary>1 + the number of list scores strictly greater than <paramref name="raw"/> (the list is sorted, best first).</summary>
    public static int RankIn(ReadOnlySpan<float> descending, float raw)
    {
        int lo = 0, hi = descending.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (descending[mid] > raw)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo + 1;
    }

    /// <summary>The fused score of one presence pattern of per-slot terms (used for the threshold bound).</summary>
    public static float FuseTerms(ReadOnlySpan<float> weights, ReadOnlySpan<float> terms, ReadOnlySpan<bool> present, bool isMax)
    {
        float wsum = 0, wmax = 0, acc = isMax ? float.NegativeInfinity : 0f;
        for (int m = 0; m < weights.Length; m++)
        {
            if (present[m] && weights[m] > 0)
            {
                wsum += weights[m];
                wmax = MathF.Max(wmax, weights[m]);
            }
        }

        if (wsum <= 0)
        {
            return float.NegativeInfinity;
        }

        for (int m = 0; m < weights.Length; m++)
        {
            if (present[m] && weights[m] > 0)
            {
                acc = isMax ? MathF.Max(acc, weights[m] / wmax * terms[m]) : acc + (weights[m] / wsum * terms[m]);
            }
        }

        return acc;
    }

    /// <summary>Selects the top k candidates (score descending, id ascending) into <c>ws.Top</c>; returns how many.</summary>
    /// <remarks>
    /// Once k candidates are held, almost every later one loses to the k-th; eight scores at a time are compared with it
    /// first, and only a group holding a possible winner (a score at least the k-th's; ties are then decided by id) goes
    /// through the exact insertion.
    /// </remarks>
    public static int SelectTop(FusionWorkspace ws, int k)
    {
        FusionWorkspace.Grow(ref ws.Top, k);
        var top = ws.Top;
        var fused = ws.Fused;
        int count = 0;
        int c = 0;
        int candidates = ws.CandidateCount;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float first = ref MemoryMarshal.GetArrayDataReference(fused);
            for (; c + Vector256<float>.Count <= candidates; c += Vector256<float>.Count)
            {
                if (count == k && Vector256.LessThanAll(Vector256.LoadUnsafe(ref first, (nuint)c), Vector256.Create(fused[top[k - 1]])))
                {
                    continue;
                }

                for (int end = c + Vector256<float>.Count; c < end; c++)
                {
                    count = Offer(ws, k, c, count);
                }

                c -= Vector256<float>.Count;
            }
        }

        for (; c < candidates; c++)
        {
            count = Offer(ws, k, c, count);
        }

        return count;
    }

    /// <summary>Offers candidate <paramref name="c"/> to the top list of <paramref name="count"/> entries; returns the new count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Offer(FusionWorkspace ws, int k, int c, int count)
    {
        var top = ws.Top;
        var fused = ws.Fused;
        var ids = ws.CandidateIds;
        float score = fused[c];
        if (float.IsNegativeInfinity(score))
        {
            return count;
        }

        if (count == k && !Better(score, ids[c], fused[top[k - 1]], ids[top[k - 1]]))
        {
            return count;
        }

        int at = count < k ? count++ : k - 1;
        while (at > 0 && Better(score, ids[c], fused[top[at - 1]], ids[top[at - 1]]))
        {
            top[at] = top[at - 1];
            at--;
        }

        top[at] = c;
        return count;
    }

    /// <summary>
    /// Writes the selected candidates and their explanations into the result. With <paramref name="lazyRanks"/> (the
    /// hybrid re-rank, whose combiner reads no ranks), a scored cell's rank is computed here for the top k only, from
    /// <c>ws.ListRaw[m]</c>, which then holds every scored cell's raw score of slot m (in any order).
    /// </summary>
    public static void WriteResult(FusionWorkspace ws, IFusionSource source, ScoreCombination combination, int count, bool lazyRanks, bool recomputedIsHit, FusionResult destination)
    {
        destination.Reset(source.Modalities, count);
        int slots = ws.Slots;
        bool mnz = combination.Kind == CombinationKind.CombMnz;
        for (int i = 0; i < count; i++)
        {
            int c = ws.Top[i];
            var explanation = destination.ExplanationSlot(i);
            int hits = 0;
            if (mnz)
            {
                for (int m = 0; m < slots; m++)
                {
                    byte st = ws.CellState[ws.Cell(m, c)];
                    hits += st == CellState.Retrieved || (recomputedIsHit && st == CellState.Recomputed) ? 1 : 0;
                }
            }

            for (int m = 0; m < slots; m++)
            {
                int cell = ws.Cell(m, c);
                byte state = ws.CellState[cell];
                var modality = ws.ModalityOf[m];
                if (state is CellState.Inactive or CellState.Skipped)
                {
                    explanation[m] = new ModalityContribution(modality, float.NaN, 0, float.NaN, 0f, 0f, ContributionSource.Skipped, ws.HasQuery[m]);
                    continue;
                }

                float weight = ws.Weight[m] * ws.Scale[c];
                float contribution = weight * ws.CellTerm[cell] * (mnz ? hits : 1);
                if (state == CellState.Filled)
                {
                    explanation[m] = new ModalityContribution(modality, float.NaN, 0, ws.CellNorm[cell], weight, contribution, ContributionSource.Filled, ws.HasQuery[m]);
                    continue;
                }

                int rank = ws.CellRank[cell];
                if (state == CellState.Retrieved)
                {
                    // The merge leaves a retrieved cell's scores in its list, at its rank.
                    explanation[m] = new ModalityContribution(modality, ws.ListRaw[m][rank - 1], rank, ws.ListNorm[m][rank - 1], weight, contribution, ContributionSource.Retrieved, true);
                    continue;
                }

                if (lazyRanks && rank == 0)
                {
                    rank = 1 + CountGreater(ws.ListRaw[m].AsSpan(0, ws.ListCount[m]), ws.CellRaw[cell]);
                }

                explanation[m] = new ModalityContribution(modality, ws.CellRaw[cell], rank, ws.CellNorm[cell], weight, contribution, (ContributionSource)state, true);
            }

            destination.Add(ws.CandidateIds[c], ws.Fused[c]);
        }
    }

    /// <summary>How many of <paramref name="values"/> are strictly greater than <paramref name="x"/> (vectorised compare and count).</summary>
    internal static int CountGreater(ReadOnlySpan<float> values, float x)
    {
        int count = 0, i = 0;
        ref float first = ref MemoryMarshal.GetReference(values);
        if (Vector256.IsHardwareAccelerated)
        {
            var threshold = Vector256.Create(x);
            for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
            {
                count += BitOperations.PopCount(Vector256.GreaterThan(Vector256.LoadUnsafe(ref first, (nuint)i), threshold).ExtractMostSignificantBits());
            }
        }

        for (; i < values.Length; i++)
        {
            count += values[i] > x ? 1 : 0;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Better(float score, int id, float otherScore, int otherId) =>
        score > otherScore || (score == otherScore && id < otherId);
}
