using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Fusion;

internal static partial class LateFusionEngine
{
    /// <summary>Sets every slot's gap (what a cell holds when its list lacks the item); the exact mode recomputes every gap.</summary>
    internal static void PrepareGaps(FusionWorkspace ws, bool exact)
    {
        for (int m = 0; m < ws.Slots; m++)
        {
            var policy = ws.ItemPolicy[m];
            if (exact && policy.Kind != MissingModalityKind.Recompute)
            {
                policy = policy.Kind == MissingModalityKind.Fill ? MissingModalityPolicy.Recompute(policy.FillValue) : MissingModalityPolicy.Recompute();
            }

            CandidateScoring.SetGap(ws, m, policy);
        }
    }

    /// <summary>Recomputes the exact scores of the pending cells (slots whose item-side policy recomputes), slot by slot, in batches.</summary>
    internal static void RecomputeGaps(FusionWorkspace ws)
    {
        int slots = ws.Slots;
        int count = ws.CandidateCount;
        for (int m = 0; m < slots; m++)
        {
            ws.RecomputedCells[m] = 0;
            if (ws.GapState[m] != CellState.Pending || count == 0)
            {
                continue;
            }

            FusionWorkspace.Grow(ref ws.GatherIndex, count);
            int pending = 0;
            int first = ws.Cell(m, 0);
            var state = ws.CellState.AsSpan(first, count);
            var gather = ws.GatherIndex;
            for (int c = 0; c < state.Length; c++)
            {
                gather[pending] = first + c;
                pending += state[c] == CellState.Pending ? 1 : 0;
            }

            if (pending == 0)
            {
                continue;
            }

            int found = CandidateScoring.ScoreExactly(ws, m, pending, ws.GapPolicy[m], CellState.Recomputed);
            ws.RecomputedCells[m] = found;
            var list = ws.ListRaw[m].AsSpan(0, ws.ListCount[m]);
            for (int i = 0; i < found; i++)
            {
                int cell = ws.GatherIndex[i];
                ws.CellRank[cell] = CandidateScoring.RankIn(list, ws.CellRaw[cell]);
            }
        }
    }

    /// <summary>
    /// Builds the candidate set, the union of the lists. Every slot's cells start as that slot's gap (filled in bulk, so
    /// a new candidate costs no per-slot writes); each list entry then sets its cell to retrieved with its raw score,
    /// rank, normalised score and combiner term. The list's statistics are loop-invariant, so the normaliser runs
    /// without a branch per cell, and whether an id is new is folded into arithmetic rather than a branch: merging
    /// overlapping lists makes that outcome unpredictable, and mispredictions dominated this step.
    /// </summary>
    internal readonly struct MergePass : CandidateScoring.IPass
    {
        public static void Run<TNormalizer, TCombiner>(FusionWorkspace ws, float rrfK, bool recomputedIsHit)
            where TNormalizer : struct, IScoreNormalizer
            where TCombiner : struct, IScoreCombiner
        {
            int slots = ws.Slots;
            int total = 0;
            for (int m = 0; m < slots; m++)
            {
                total += ws.Searched[m] ? ws.ListCount[m] : 0;
            }

            ws.EnsureCandidates(total);
            int stride = ws.CellStride;
            for (int m = 0; m < slots; m++)
            {
                int first = m * stride;
                float fill = ws.GapNorm[m];
                ws.CellState.AsSpan(first, total).Fill(ws.GapState[m]);
                ws.CellNorm.AsSpan(first, total).Fill(fill);
                ws.CellTerm.AsSpan(first, total).Fill(fill);
            }

            var table = ws.IdTable;
            table.Reset(total);
            int count = 0;
            var ids = ws.CandidateIds.AsSpan(0, total);
            for (int m = 0; m < slots; m++)
            {
                if (!ws.Searched[m])
                {
                    continue;
                }

                var list = ws.Lists[m].AsSpan(0, ws.ListCount[m]);
                var raw = ws.ListRaw[m].AsSpan(0, list.Length);
                var state = ws.CellState.AsSpan(m * stride, total);
                var cellRaw = ws.CellRaw.AsSpan(m * stride, total);
                var cellRank = ws.CellRank.AsSpan(m * stride, total);
                var cellNorm = ws.CellNorm.AsSpan(m * stride, total);
                var cellTerm = ws.CellTerm.AsSpan(m * stride, total);
                var stats = ws.Stats[m];
                for (int i = 0; i < list.Length; i++)
                {
                    int id = list[i].Id;
                    int candidate = table.FindOrAdd(id, count);
                    ids[candidate] = id;
                    count += candidate == count ? 1 : 0;
                    float x = raw[i];
                    float n = TNormalizer.Apply(x, i + 1, in stats);
                    state[candidate] = CellState.Retrieved;
                    cellRaw[candidate] = x;
                    cellRank[candidate] = i + 1;
                    cellNorm[candidate] = n;
                    cellTerm[candidate] = TCombiner.Term(n, i + 1, stats.Length, rrfK);
                }
            }

            ws.CandidateCount = count;
        }
    }
}
