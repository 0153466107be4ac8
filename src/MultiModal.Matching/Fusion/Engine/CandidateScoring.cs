using System.Runtime.CompilerServices;
using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Fusion;

/// <summary>The steps shared by late and hybrid fusion once candidates and their cells are known.</summary>
internal static class CandidateScoring
{
    /// <summary>The size of one gathered block of stored vectors (rows are scored block by block while still in cache).</summary>
    private const int GatherBytes = 32 * 1024;

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

            ws.Stats[m] = ListStats.Of(ws.ListRaw[m].AsSpan(0, ws.ListCount[m]), ws.Metric[m], knots);
        }
    }

    /// <summary>Applies the item-side policy to a cell the lists did not fill. Returns true when the cell needs an exact recompute.</summary>
    public static bool ResolveGap(FusionWorkspace ws, int cell, int slot, MissingModalityPolicy itemPolicy)
    {
        if (!ws.HasQuery[slot])
        {
            ws.CellState[cell] = CellState.Filled;
            ws.CellNorm[cell] = ws.QueryPolicy[slot].FillValue;
            return false;
        }

        switch (itemPolicy.Kind)
        {
            case MissingModalityKind.Recompute:
                return true;
            case MissingModalityKind.Fill:
                ws.CellState[cell] = CellState.Filled;
                ws.CellNorm[cell] = itemPolicy.FillValue;
                return false;
            default:
                ws.CellState[cell] = CellState.Skipped;
                return false;
        }
    }

    /// <summary>The fallback when an item has no stored vector for the modality.</summary>
    public static void Fallback(FusionWorkspace ws, int cell, MissingModalityPolicy itemPolicy)
    {
        if (itemPolicy.HasFillValue)
        {
            ws.CellState[cell] = CellState.Filled;
            ws.CellNorm[cell] = itemPolicy.FillValue;
        }
        else
        {
            ws.CellState[cell] = CellState.Skipped;
        }
    }

    /// <summary>
    /// Scores the cells listed in <c>ws.GatherIndex[0..count)</c> (cell positions) exactly for one slot: stored vectors are
    /// gathered into contiguous blocks of a few rows (small enough to stay in L1/L2) and scored with the batch kernel.
    /// Cells without a stored vector get the fallback. Sets state <paramref name="state"/> and the raw similarity, compacts
    /// the scored cells to the front of <c>ws.GatherIndex</c> with their similarities in <c>ws.GatherScore</c>; returns how many.
    /// </summary>
    public static int ScoreExactly(FusionWorkspace ws, int slot, int count, MissingModalityPolicy fallback, byte state)
    {
        var index = ws.Index[slot]!;
        if (index is IStoredVectorScorer scorer)
        {
            return ScoreInPlace(ws, scorer, slot, count, fallback, state);
        }

        int d = index.Dimension;
        int block = Math.Max(1, GatherBytes / (d * sizeof(float)));
        FusionWorkspace.Grow(ref ws.Gather, block * d);
        FusionWorkspace.Grow(ref ws.GatherScore, count);
        var query = ws.PreparedQuery(slot);
        bool l2 = ws.Metric[slot] == DistanceMetric.L2;
        var cells = ws.GatherIndex;
        int found = 0, blockStart = 0, rows = 0;
        for (int i = 0; i < count; i++)
        {
            int cell = cells[i];
            if (index.TryGetVector(ws.CandidateIds[cell / ws.Slots], ws.Gather.AsSpan(rows * d, d)))
            {
                cells[found++] = cell;
                rows++;
            }
            else
            {
                Fallback(ws, cell, fallback);
            }

            if (rows == block || (i == count - 1 && rows > 0))
            {
                var scores = ws.GatherScore.AsSpan(blockStart, rows);
                var gathered = ws.Gather.AsSpan(0, rows * d);
                if (l2)
                {
                    VectorKernels.L2SquaredBatch(query, gathered, scores);
                }
                else
                {
                    VectorKernels.DotBatch(query, gathered, scores);
                }

                blockStart += rows;
                rows = 0;
            }
        }

        var all = ws.GatherScore.AsSpan(0, found);
        ScoreMath.BatchToSimilarity(ws.Metric[slot], all);
        for (int i = 0; i < found; i++)
        {
            int cell = cells[i];
            ws.CellState[cell] = state;
            ws.CellRaw[cell] = all[i];
        }

        return found;
    }

    /// <summary>The same as <see cref="ScoreExactly"/> for an index that scores its stored vectors in place (no copies).</summary>
    private static int ScoreInPlace(FusionWorkspace ws, IStoredVectorScorer scorer, int slot, int count, MissingModalityPolicy fallback, byte state)
    {
        FusionWorkspace.Grow(ref ws.GatherScore, count);
        FusionWorkspace.Grow(ref ws.GatherId, count);
        FusionWorkspace.Grow(ref ws.GatherFound, count);
        var cells = ws.GatherIndex;
        var ids = ws.GatherId.AsSpan(0, count);
        for (int i = 0; i < count; i++)
        {
            ids[i] = ws.CandidateIds[cells[i] / ws.Slots];
        }

        var scores = ws.GatherScore.AsSpan(0, count);
        var found = ws.GatherFound.AsSpan(0, count);
        scorer.ScoreStored(ws.PreparedQuery(slot), ids, scores, found);
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            int cell = cells[i];
            if (!found[i])
            {
                Fallback(ws, cell, fallback);
                continue;
            }

            cells[kept] = cell;
            scores[kept++] = scores[i];
        }

        var all = scores[..kept];
        ScoreMath.BatchToSimilarity(ws.Metric[slot], all);
        for (int i = 0; i < kept; i++)
        {
            ws.CellState[cells[i]] = state;
            ws.CellRaw[cells[i]] = all[i];
        }

        return kept;
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

    public static void Normalize(FusionWorkspace ws, ScoreNormalization normalization)
    {
        switch (normalization)
        {
            case ScoreNormalization.None: Normalize<NoNormalizer>(ws); break;
            case ScoreNormalization.MinMax: Normalize<MinMaxNormalizer>(ws); break;
            case ScoreNormalization.ZScore: Normalize<ZScoreNormalizer>(ws); break;
            case ScoreNormalization.Dbsf: Normalize<DbsfNormalizer>(ws); break;
            case ScoreNormalization.MetricMap: Normalize<MetricMapNormalizer>(ws); break;
            case ScoreNormalization.Rank: Normalize<RankNormalizer>(ws); break;
            default: Normalize<CalibratedNormalizer>(ws); break;
        }
    }

    public static void Combine(FusionWorkspace ws, ScoreCombination combination, bool recomputedIsHit)
    {
        switch (combination.Kind)
        {
            case CombinationKind.WeightedSum: Combine<WeightedSumCombiner>(ws, 0, recomputedIsHit); break;
            case CombinationKind.CombMnz: Combine<CombMnzCombiner>(ws, 0, recomputedIsHit); break;
            case CombinationKind.Max: Combine<MaxCombiner>(ws, 0, recomputedIsHit); break;
            case CombinationKind.Rrf: Combine<RrfCombiner>(ws, combination.RrfK, recomputedIsHit); break;
            default: Combine<BordaCombiner>(ws, 0, recomputedIsHit); break;
        }
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
    public static int SelectTop(FusionWorkspace ws, int k)
    {
        FusionWorkspace.Grow(ref ws.Top, k);
        var top = ws.Top;
        var fused = ws.Fused;
        var ids = ws.CandidateIds;
        int count = 0;
        for (int c = 0; c < ws.CandidateCount; c++)
        {
            float score = fused[c];
            if (float.IsNegativeInfinity(score))
            {
                continue;
            }

            if (count == k && !Better(score, ids[c], fused[top[k - 1]], ids[top[k - 1]]))
            {
                continue;
            }

            int at = count < k ? count++ : k - 1;
            while (at > 0 && Better(score, ids[c], fused[top[at - 1]], ids[top[at - 1]]))
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = c;
        }

        return count;
    }

    /// <summary>Writes the selected candidates and their explanations into the result.</summary>
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
                    byte st = ws.CellState[(c * slots) + m];
                    hits += st == CellState.Retrieved || (recomputedIsHit && st == CellState.Recomputed) ? 1 : 0;
                }
            }

            for (int m = 0; m < slots; m++)
            {
                int cell = (c * slots) + m;
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
                if (lazyRanks && rank == 0)
                {
                    rank = 1;
                    float raw = ws.CellRaw[cell];
                    for (int o = 0; o < ws.CandidateCount; o++)
                    {
                        int other = (o * slots) + m;
                        if (ws.CellState[other] is CellState.Retrieved or CellState.Recomputed && ws.CellRaw[other] > raw)
                        {
                            rank++;
                        }
                    }
                }

                explanation[m] = new ModalityContribution(modality, ws.CellRaw[cell], rank, ws.CellNorm[cell], weight, contribution, (ContributionSource)state, true);
            }

            destination.Add(ws.CandidateIds[c], ws.Fused[c]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Better(float score, int id, float otherScore, int otherId) =>
        score > otherScore || (score == otherScore && id < otherId);

    private static void Normalize<TNormalizer>(FusionWorkspace ws)
        where TNormalizer : struct, IScoreNormalizer
    {
        int cells = ws.CandidateCount * ws.Slots;
        var state = ws.CellState;
        var raw = ws.CellRaw;
        var rank = ws.CellRank;
        var norm = ws.CellNorm;
        var stats = ws.Stats;
        int slots = ws.Slots;
        for (int cell = 0, m = 0; cell < cells; cell++, m = m + 1 == slots ? 0 : m + 1)
        {
            if (state[cell] <= CellState.Recomputed)
            {
                norm[cell] = TNormalizer.Apply(raw[cell], rank[cell], in stats[m]);
            }
        }
    }

    private static void Combine<TCombiner>(FusionWorkspace ws, float rrfK, bool recomputedIsHit)
        where TCombiner : struct, IScoreCombiner
    {
        int slots = ws.Slots;
        var state = ws.CellState;
        var norm = ws.CellNorm;
        var rank = ws.CellRank;
        var term = ws.CellTerm;
        var weight = ws.Weight;
        var stats = ws.Stats;
        for (int c = 0; c < ws.CandidateCount; c++)
        {
            int baseCell = c * slots;
            float wsum = 0, wmax = 0;
            int hits = 0;
            for (int m = 0; m < slots; m++)
            {
                int cell = baseCell + m;
                byte st = state[cell];
                if (st >= CellState.Skipped)
                {
                    continue;
                }

                float w = weight[m];
                wsum += w;
                wmax = MathF.Max(wmax, w);
                hits += st == CellState.Retrieved || (recomputedIsHit && st == CellState.Recomputed) ? 1 : 0;
                term[cell] = st == CellState.Filled ? norm[cell] : TCombiner.Term(norm[cell], rank[cell], stats[m].Length, rrfK);
            }

            float scale = TCombiner.IsMax ? (wmax > 0 ? 1f / wmax : 0f) : (wsum > 0 ? 1f / wsum : 0f);
            float multiplier = TCombiner.CountsHits ? hits : 1f;
            float acc = TCombiner.IsMax ? float.NegativeInfinity : 0f;
            for (int m = 0; m < slots; m++)
            {
                int cell = baseCell + m;
                if (state[cell] >= CellState.Skipped)
                {
                    continue;
                }

                float contribution = scale * weight[m] * term[cell] * multiplier;
                acc = TCombiner.IsMax ? MathF.Max(acc, contribution) : acc + contribution;
            }

            ws.Scale[c] = scale;

            // A candidate with no participating modality (possible after a coarse stage) cannot be ranked.
            ws.Fused[c] = wsum <= 0 ? float.NegativeInfinity : float.IsFinite(acc) ? acc : 0f;
        }
    }
}
