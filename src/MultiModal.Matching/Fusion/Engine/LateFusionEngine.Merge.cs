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
        for (int m = 0; m < slots; m++)
        {
            if (ws.GapState[m] != CellState.Pending || ws.CandidateCount == 0)
            {
                continue;
            }

            FusionWorkspace.Grow(ref ws.GatherIndex, ws.CandidateCount);
            int pending = 0;
            var state = ws.CellState;
            var gather = ws.GatherIndex;
            for (int c = 0, cell = m; c < ws.CandidateCount; c++, cell += slots)
            {
                if (state[cell] == CellState.Pending)
                {
                    gather[pending++] = cell;
                }
            }

            if (pending == 0)
            {
                continue;
            }

            int found = CandidateScoring.ScoreExactly(ws, m, pending, ws.GapPolicy[m], CellState.Recomputed);
            var list = ws.ListRaw[m].AsSpan(0, ws.ListCount[m]);
            for (int i = 0; i < found; i++)
            {
                int cell = ws.GatherIndex[i];
                ws.CellRank[cell] = CandidateScoring.RankIn(list, ws.CellRaw[cell]);
            }
        }
    }

    /// <summary>
    /// Builds the candidate set, the union of the lists: a new candidate's cells start as their slot's gap, and each
    /// list entry sets its cell to retrieved with its raw score, rank, normalised score and combiner term (the list's
    /// statistics are loop-invariant here, so the normaliser runs without a branch per cell).
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
            var table = ws.IdTable;
            table.Reset(total);
            int count = 0;
            var ids = ws.CandidateIds.AsSpan(0, total);
            int cells = total * slots;
            var state = ws.CellState.AsSpan(0, cells);
            var cellRaw = ws.CellRaw.AsSpan(0, cells);
            var cellRank = ws.CellRank.AsSpan(0, cells);
            var cellNorm = ws.CellNorm.AsSpan(0, cells);
            var cellTerm = ws.CellTerm.AsSpan(0, cells);
            var gapState = ws.GapState.AsSpan(0, slots);
            var gapNorm = ws.GapNorm.AsSpan(0, slots);
            for (int m = 0; m < slots; m++)
            {
                if (!ws.Searched[m])
                {
                    continue;
                }

                var list = ws.Lists[m].AsSpan(0, ws.ListCount[m]);
                var raw = ws.ListRaw[m].AsSpan(0, list.Length);
                var stats = ws.Stats[m];
                for (int i = 0; i < list.Length; i++)
                {
                    int id = list[i].Id;
                    int candidate = table.FindOrAdd(id, count);
                    int baseCell = candidate * slots;
                    if (candidate == count)
                    {
                        count++;
                        ids[candidate] = id;
                        for (int s = 0; s < slots; s++)
                        {
                            float fill = gapNorm[s];
                            state[baseCell + s] = gapState[s];
                            cellNorm[baseCell + s] = fill;
                            cellTerm[baseCell + s] = fill;
                        }
                    }

                    int cell = baseCell + m;
                    float x = raw[i];
                    float n = TNormalizer.Apply(x, i + 1, in stats);
                    state[cell] = CellState.Retrieved;
                    cellRaw[cell] = x;
                    cellRank[cell] = i + 1;
                    cellNorm[cell] = n;
                    cellTerm[cell] = TCombiner.Term(n, i + 1, stats.Length, rrfK);
                }
            }

            ws.CandidateCount = count;
        }
    }
}
