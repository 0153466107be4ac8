using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Fusion;

internal static partial class CandidateScoring
{
    /// <summary>The size of one gathered block of stored vectors (rows are scored block by block while still in cache).</summary>
    private const int GatherBytes = 32 * 1024;

    /// <summary>The fallback when an item has no stored vector for the modality.</summary>
    public static void Fallback(FusionWorkspace ws, int cell, MissingModalityPolicy itemPolicy)
    {
        if (itemPolicy.HasFillValue)
        {
            ws.CellState[cell] = CellState.Filled;
            ws.CellNorm[cell] = itemPolicy.FillValue;
            ws.CellTerm[cell] = itemPolicy.FillValue;
        }
        else
        {
            ws.CellState[cell] = CellState.Skipped;
            ws.CellTerm[cell] = 0f;
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
        int firstCell = ws.Cell(slot, 0);
        int found = 0, blockStart = 0, rows = 0;
        for (int i = 0; i < count; i++)
        {
            int cell = cells[i];
            if (index.TryGetVector(ws.CandidateIds[cell - firstCell], ws.Gather.AsSpan(rows * d, d)))
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
        int firstCell = ws.Cell(slot, 0);
        for (int i = 0; i < count; i++)
        {
            ids[i] = ws.CandidateIds[cells[i] - firstCell];
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

    /// <summary>
    /// Scores every candidate of slot <paramref name="slot"/> in place (the hybrid re-rank, where no cell is settled yet):
    /// the index writes straight into the slot's raw cells, which are contiguous, so no id or cell lists are built.
    /// The scored cells' raw similarities are also written to <c>ws.ListRaw[slot]</c> (for the statistics) and, with
    /// <paramref name="listCells"/>, their cell positions to <c>ws.GatherIndex</c> in the same order; returns how many.
    /// A candidate without a stored vector gets <paramref name="fallback"/>.
    /// </summary>
    public static int ScoreAllInPlace(FusionWorkspace ws, IStoredVectorScorer scorer, int slot, int count, MissingModalityPolicy fallback, bool listCells)
    {
        FusionWorkspace.Grow(ref ws.GatherFound, count);
        FusionWorkspace.Grow(ref ws.ListRaw[slot], count);
        int first = ws.Cell(slot, 0);
        var raw = ws.CellRaw.AsSpan(first, count);
        var found = ws.GatherFound.AsSpan(0, count);
        int hits = scorer.ScoreStored(ws.PreparedQuery(slot), ws.CandidateIds.AsSpan(0, count), raw, found);

        // The conversion runs over every cell: a cell without a stored vector holds a stale but finite value, which its
        // fallback then replaces.
        ScoreMath.BatchToSimilarity(ws.Metric[slot], raw);
        ws.CellState.AsSpan(first, count).Fill(CellState.Recomputed);
        var list = ws.ListRaw[slot];
        if (hits == count)
        {
            raw.CopyTo(list);
            if (listCells)
            {
                for (int c = 0; c < count; c++)
                {
                    ws.GatherIndex[c] = first + c;
                }
            }

            return count;
        }

        int kept = 0;
        for (int c = 0; c < count; c++)
        {
            if (!found[c])
            {
                Fallback(ws, first + c, fallback);
                continue;
            }

            list[kept] = raw[c];
            ws.GatherIndex[kept++] = first + c;
        }

        return kept;
    }
}
