using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Fusion;

internal static partial class CandidateScoring
{
    /// <summary>A pass over the candidates specialised per normaliser and combiner (so its inner loops have no calls).</summary>
    public interface IPass
    {
        static abstract void Run<TNormalizer, TCombiner>(FusionWorkspace ws, float rrfK, bool recomputedIsHit)
            where TNormalizer : struct, IScoreNormalizer
            where TCombiner : struct, IScoreCombiner;
    }

    /// <summary>
    /// Sets what a cell of <paramref name="slot"/> holds until a list or a recompute fills it: inactive (weight 0), the
    /// query-side fill (the query lacks the modality), the item-side fill, skipped, or pending when the item-side policy
    /// recomputes the exact score (<see cref="MissingModalityKind.Recompute"/> on a searched slot).
    /// </summary>
    public static void SetGap(FusionWorkspace ws, int slot, MissingModalityPolicy itemPolicy)
    {
        (byte state, float norm) = ws.Weight[slot] <= 0 ? (CellState.Inactive, 0f)
            : !ws.HasQuery[slot] ? (CellState.Filled, ws.QueryPolicy[slot].FillValue)
            : itemPolicy.Kind switch
            {
                MissingModalityKind.Recompute => (CellState.Pending, 0f),
                MissingModalityKind.Fill => (CellState.Filled, itemPolicy.FillValue),
                _ => (CellState.Skipped, 0f),
            };
        ws.GapState[slot] = state;
        ws.GapNorm[slot] = norm;
        ws.GapPolicy[slot] = itemPolicy;
    }

    /// <summary>Runs <typeparamref name="TPass"/> specialised for the combination's normaliser and combiner.</summary>
    public static void Run<TPass>(FusionWorkspace ws, ScoreCombination combination, bool recomputedIsHit)
        where TPass : struct, IPass
    {
        switch (combination.Normalization)
        {
            case ScoreNormalization.None: Run<TPass, NoNormalizer>(ws, combination, recomputedIsHit); break;
            case ScoreNormalization.MinMax: Run<TPass, MinMaxNormalizer>(ws, combination, recomputedIsHit); break;
            case ScoreNormalization.ZScore: Run<TPass, ZScoreNormalizer>(ws, combination, recomputedIsHit); break;
            case ScoreNormalization.Dbsf: Run<TPass, DbsfNormalizer>(ws, combination, recomputedIsHit); break;
            case ScoreNormalization.MetricMap: Run<TPass, MetricMapNormalizer>(ws, combination, recomputedIsHit); break;
            case ScoreNormalization.Rank: Run<TPass, RankNormalizer>(ws, combination, recomputedIsHit); break;
            default: Run<TPass, CalibratedNormalizer>(ws, combination, recomputedIsHit); break;
        }
    }

    private static void Run<TPass, TNormalizer>(FusionWorkspace ws, ScoreCombination combination, bool recomputedIsHit)
        where TPass : struct, IPass
        where TNormalizer : struct, IScoreNormalizer
    {
        switch (combination.Kind)
        {
            case CombinationKind.WeightedSum: TPass.Run<TNormalizer, WeightedSumCombiner>(ws, 0, recomputedIsHit); break;
            case CombinationKind.CombMnz: TPass.Run<TNormalizer, CombMnzCombiner>(ws, 0, recomputedIsHit); break;
            case CombinationKind.Max: TPass.Run<TNormalizer, MaxCombiner>(ws, 0, recomputedIsHit); break;
            case CombinationKind.Rrf: TPass.Run<TNormalizer, RrfCombiner>(ws, combination.RrfK, recomputedIsHit); break;
            default: TPass.Run<TNormalizer, BordaCombiner>(ws, 0, recomputedIsHit); break;
        }
    }

    /// <summary>
    /// Fuses every candidate: retrieved and filled cells already hold their normalised score and term (set by the merge,
    /// the gap policy or the caller); recomputed cells are normalised here. Then Σ scale·w·term (or the max) in slot order.
    /// </summary>
    public readonly struct ScorePass : IPass
    {
        public static void Run<TNormalizer, TCombiner>(FusionWorkspace ws, float rrfK, bool recomputedIsHit)
            where TNormalizer : struct, IScoreNormalizer
            where TCombiner : struct, IScoreCombiner
        {
            int slots = ws.Slots;
            int count = ws.CandidateCount;
            int cells = count * slots;
            var state = ws.CellState.AsSpan(0, cells);
            var raw = ws.CellRaw.AsSpan(0, cells);
            var rank = ws.CellRank.AsSpan(0, cells);
            var norm = ws.CellNorm.AsSpan(0, cells);
            var term = ws.CellTerm.AsSpan(0, cells);
            var weight = ws.Weight.AsSpan(0, slots);
            var stats = ws.Stats.AsSpan(0, slots);
            var fused = ws.Fused.AsSpan(0, count);
            var scales = ws.Scale.AsSpan(0, count);
            byte hitLimit = recomputedIsHit ? CellState.Recomputed : CellState.Retrieved;
            for (int c = 0, baseCell = 0; c < count; c++, baseCell += slots)
            {
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
                    wmax = w > wmax ? w : wmax;
                    hits += st <= hitLimit ? 1 : 0;
                    if (st == CellState.Recomputed)
                    {
                        int r = rank[cell];
                        ref readonly var s = ref stats[m];
                        float n = TNormalizer.Apply(raw[cell], r, in s);
                        norm[cell] = n;
                        term[cell] = TCombiner.Term(n, r, s.Length, rrfK);
                    }
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

                scales[c] = scale;

                // A candidate with no participating modality (possible after a coarse stage) cannot be ranked.
                fused[c] = wsum <= 0 ? float.NegativeInfinity : float.IsFinite(acc) ? acc : 0f;
            }
        }
    }
}
