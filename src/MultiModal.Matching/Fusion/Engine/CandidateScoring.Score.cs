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
    /// the gap policy or the caller); recomputed cells are normalised here, then <see cref="Fuse{TCombiner}"/> combines.
    /// </summary>
    public readonly struct ScorePass : IPass
    {
        public static void Run<TNormalizer, TCombiner>(FusionWorkspace ws, float rrfK, bool recomputedIsHit)
            where TNormalizer : struct, IScoreNormalizer
            where TCombiner : struct, IScoreCombiner
        {
            for (int m = 0; m < ws.Slots; m++)
            {
                if (ws.RecomputedCells[m] > 0)
                {
                    NormalizeRecomputed<TNormalizer, TCombiner>(ws, m, rrfK);
                }
            }

            byte hitLimit = recomputedIsHit ? CellState.Recomputed : CellState.Retrieved;
            Fuse<TCombiner>(ws, hitLimit);
        }

        /// <summary>Normalises slot <paramref name="slot"/>'s recomputed cells (their raw scores and ranks are set).</summary>
        private static void NormalizeRecomputed<TNormalizer, TCombiner>(FusionWorkspace ws, int slot, float rrfK)
            where TNormalizer : struct, IScoreNormalizer
            where TCombiner : struct, IScoreCombiner
        {
            int first = ws.Cell(slot, 0);
            int count = ws.CandidateCount;
            var state = ws.CellState.AsSpan(first, count);
            var raw = ws.CellRaw.AsSpan(first, count);
            var rank = ws.CellRank.AsSpan(first, count);
            var norm = ws.CellNorm.AsSpan(first, count);
            var term = ws.CellTerm.AsSpan(first, count);
            ref readonly var stats = ref ws.Stats[slot];
            for (int c = 0; c < count; c++)
            {
                if (state[c] == CellState.Recomputed)
                {
                    float n = TNormalizer.Apply(raw[c], rank[c], in stats);
                    norm[c] = n;
                    term[c] = TCombiner.Term(n, rank[c], stats.Length, rrfK);
                }
            }
        }
    }
}
