using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;

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
    /// a new candidate costs no per-slot writes). Each list's normalised scores and combiner terms are computed first, in
    /// a pass over the list itself (contiguous, no lookups); each entry then sets its cell to retrieved with its rank and
    /// term. Its raw and normalised scores stay in the list (<c>ListRaw</c>, <c>ListNorm</c>) and are read through the
    /// rank for the few candidates that are explained. Whether an id is new is folded into arithmetic rather than a
    /// branch: merging overlapping lists makes that outcome unpredictable, and mispredictions dominated this step.
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
                byte gap = ws.GapState[m];
                float fill = ws.GapNorm[m];
                ws.CellState.AsSpan(first, total).Fill(gap);
                ws.CellTerm.AsSpan(first, total).Fill(fill);
                if (gap == CellState.Filled)
                {
                    ws.CellNorm.AsSpan(first, total).Fill(fill);
                }
            }

            ws.IdTable.Reset(total);
            var table = ws.IdTable.Begin();
            int count = 0;
            ref int ids = ref MemoryMarshal.GetArrayDataReference(ws.CandidateIds);
            for (int m = 0; m < slots; m++)
            {
                if (!ws.Searched[m])
                {
                    continue;
                }

                int length = ws.ListCount[m];
                NormalizeList<TNormalizer, TCombiner>(ws, m, length, rrfK);
                ref Neighbor list = ref MemoryMarshal.GetArrayDataReference(ws.Lists[m]);
                ref float listTerm = ref MemoryMarshal.GetArrayDataReference(ws.ListTerm);
                ref byte state = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ws.CellState), m * stride);
                ref int cellRank = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ws.CellRank), m * stride);
                ref float cellTerm = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ws.CellTerm), m * stride);

                // Unchecked stores: a candidate position is below count + 1 ≤ total ≤ CellStride (EnsureCandidates above).
                for (int i = 0; i < length; i++)
                {
                    int id = Unsafe.Add(ref list, i).Id;
                    int candidate = table.FindOrAdd(id, count);
                    Debug.Assert(candidate <= count && count < total);
                    Unsafe.Add(ref ids, candidate) = id;
                    count += candidate == count ? 1 : 0;
                    Unsafe.Add(ref state, candidate) = CellState.Retrieved;
                    Unsafe.Add(ref cellRank, candidate) = i + 1;
                    Unsafe.Add(ref cellTerm, candidate) = Unsafe.Add(ref listTerm, i);
                }
            }

            ws.CandidateCount = count;
        }

        /// <summary>Slot <paramref name="slot"/>'s normalised scores into <c>ws.ListNorm[slot]</c> and its terms into <c>ws.ListTerm</c>.</summary>
        private static void NormalizeList<TNormalizer, TCombiner>(FusionWorkspace ws, int slot, int length, float rrfK)
            where TNormalizer : struct, IScoreNormalizer
            where TCombiner : struct, IScoreCombiner
        {
            FusionWorkspace.Grow(ref ws.ListNorm[slot], length);
            FusionWorkspace.Grow(ref ws.ListTerm, length);
            ListTerms.Compute<TNormalizer, TCombiner>(ws.ListRaw[slot].AsSpan(0, length), ws.ListNorm[slot], ws.ListTerm, in ws.Stats[slot], rrfK);
        }
    }
}
