using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

/// <summary>Hybrid fusion: coarse candidates, then exact per-modality scores from stored vectors, normalised and combined.</summary>
internal static class HybridFusionEngine
{
    public static void Search(HybridFusion fusion, IFusionSource source, FusionQuery query, FusionResult destination)
    {
        var ws = FusionWorkspace.Rent();
        try
        {
            var rerank = fusion.Rerank;
            ws.Resolve(source, query, rerank.Settings);
            int k = query.K;
            int n = Math.Max(fusion.Candidates, k);
            ws.CoarseQuery.CopyFrom(query, n);
            fusion.Coarse.Search(source, ws.CoarseQuery, ws.CoarseResult);
            Rescore(ws, source, rerank.Combination, ws.CoarseResult.Matches, k, destination);
            destination.SetStatistics(ws.CandidateCount, n);
        }
        finally
        {
            FusionWorkspace.Return(ws);
        }
    }

    /// <summary>The re-rank stage alone (benchmarks call it directly): scores the given candidates exactly and combines.</summary>
    public static void Rescore(FusionWorkspace ws, IFusionSource source, ScoreCombination combination, ReadOnlySpan<FusedMatch> candidates, int k, FusionResult destination)
    {
        int slots = ws.Slots;
        ws.EnsureCandidates(candidates.Length);
        ws.CandidateCount = candidates.Length;
        for (int c = 0; c < candidates.Length; c++)
        {
            ws.CandidateIds[c] = candidates[c].Id;
        }

        FusionWorkspace.Grow(ref ws.GatherIndex, candidates.Length);
        bool ranks = combination.UsesRanks;
        int count = candidates.Length;
        for (int m = 0; m < slots; m++)
        {
            var policy = ws.ItemPolicy[m];
            int first = ws.Cell(m, 0);
            ws.CellRank.AsSpan(first, count).Clear();
            ws.ListCount[m] = 0;
            ws.RecomputedCells[m] = 0;
            if (ws.Weight[m] <= 0)
            {
                ws.CellState.AsSpan(first, count).Fill(CellState.Inactive);
                ws.CellTerm.AsSpan(first, count).Clear();
                continue;
            }

            if (!ws.HasQuery[m])
            {
                float fill = ws.QueryPolicy[m].FillValue;
                ws.CellState.AsSpan(first, count).Fill(CellState.Filled);
                ws.CellNorm.AsSpan(first, count).Fill(fill);
                ws.CellTerm.AsSpan(first, count).Fill(fill);
                continue;
            }

            // Every candidate is scored exactly; one without a stored vector takes the item-side fill (or is skipped).
            // ListRaw[m] receives the scored cells' raw scores, and GatherIndex their cells when ranks are needed.
            int found = ws.Index[m] is IStoredVectorScorer scorer
                ? CandidateScoring.ScoreAllInPlace(ws, scorer, m, count, policy, listCells: ranks)
                : ScoreByCopies(ws, m, count, policy);
            ws.RecomputedCells[m] = found;
            ws.ListCount[m] = found;
            var list = ws.ListRaw[m].AsSpan(0, found);
            if (ranks)
            {
                // Sort the scores with their cells, best first; a cell's rank is 1 + the number of strictly better
                // scores, so tied scores share the rank of the first of their run.
                FusionWorkspace.Grow(ref ws.GatherId, found);
                var order = ws.GatherId.AsSpan(0, found);
                ws.GatherIndex.AsSpan(0, found).CopyTo(order);
                list.Sort(order);
                list.Reverse();
                order.Reverse();
                int rank = 0;
                for (int i = 0; i < found; i++)
                {
                    rank = i > 0 && list[i] == list[i - 1] ? rank : i + 1;
                    ws.CellRank[order[i]] = rank;
                }
            }
        }

        CandidateScoring.FitStats(ws, source, combination.Normalization);
        CandidateScoring.Run<CandidateScoring.ScorePass>(ws, combination, recomputedIsHit: true);
        int selected = CandidateScoring.SelectTop(ws, k);
        CandidateScoring.WriteResult(ws, source, combination, selected, lazyRanks: !ranks, recomputedIsHit: true, destination);
    }

    /// <summary>Scores slot <paramref name="slot"/>'s candidates through copies of their stored vectors (an index that cannot score in place).</summary>
    private static int ScoreByCopies(FusionWorkspace ws, int slot, int count, MissingModalityPolicy policy)
    {
        int first = ws.Cell(slot, 0);
        for (int c = 0; c < count; c++)
        {
            ws.GatherIndex[c] = first + c;
        }

        int found = CandidateScoring.ScoreExactly(ws, slot, count, policy, CellState.Recomputed);
        FusionWorkspace.Grow(ref ws.ListRaw[slot], found);
        ws.GatherScore.AsSpan(0, found).CopyTo(ws.ListRaw[slot]);
        return found;
    }
}
