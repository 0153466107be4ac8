using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

/// <summary>Late fusion: retrieve per modality, merge the lists into candidates, fill the gaps by policy, normalise, combine, select.</summary>
internal static partial class LateFusionEngine
{
    public static void Search(LateFusion fusion, IFusionSource source, FusionQuery query, FusionResult destination)
    {
        var ws = FusionWorkspace.Rent();
        try
        {
            ws.Resolve(source, query, fusion.Settings);
            int k = query.K;
            int window = Math.Max(fusion.Window, k);
            if (!fusion.IsExact)
            {
                ws.Retrieve(query, window);
                FuseLists(ws, source, fusion.Combination, k, exact: false, destination);
                destination.SetStatistics(ws.CandidateCount, window);
                return;
            }

            int limit = 1;
            for (int m = 0; m < ws.Slots; m++)
            {
                limit = ws.Searched[m] ? Math.Max(limit, ws.Index[m]!.Count) : limit;
            }

            window = Math.Min(window, Math.Max(limit, k));
            while (true)
            {
                ws.Retrieve(query, window);
                FuseLists(ws, source, fusion.Combination, k, exact: true, destination);
                if (window >= limit || AllExhausted(ws, window))
                {
                    break;
                }

                if (destination.Count == k && destination.Matches[k - 1].Score >= ThresholdAlgorithm.UnseenBound(ws, fusion.Combination))
                {
                    break;
                }

                window = (int)Math.Min((long)window * 2, limit);
            }

            destination.SetStatistics(ws.CandidateCount, window);
        }
        finally
        {
            FusionWorkspace.Return(ws);
        }
    }

    /// <summary>Retrieves the per-modality lists of a query once (every modality it has, window <paramref name="window"/>), for <see cref="SearchCached"/>.</summary>
    public static Neighbor[][] RetrieveAll(IFusionSource source, FusionQuery query, int window)
    {
        var ws = FusionWorkspace.Rent();
        try
        {
            ws.Resolve(source, query, FusionSettings.Default);
            ws.Retrieve(query, window);
            var lists = new Neighbor[ws.Slots][];
            for (int m = 0; m < ws.Slots; m++)
            {
                lists[m] = ws.Searched[m] ? ws.Lists[m].AsSpan(0, ws.ListCount[m]).ToArray() : [];
            }

            return lists;
        }
        finally
        {
            FusionWorkspace.Return(ws);
        }
    }

    /// <summary>Late fusion over lists retrieved earlier by <see cref="RetrieveAll"/> (weight tuning re-fuses the same lists many times).</summary>
    public static void SearchCached(LateFusion fusion, IFusionSource source, FusionQuery query, Neighbor[][] lists, int k, FusionResult destination)
    {
        var ws = FusionWorkspace.Rent();
        try
        {
            ws.Resolve(source, query, fusion.Settings);
            for (int m = 0; m < ws.Slots; m++)
            {
                if (!ws.Searched[m])
                {
                    continue;
                }

                var list = lists[m];
                FusionWorkspace.Grow(ref ws.Lists[m], list.Length);
                FusionWorkspace.Grow(ref ws.ListRaw[m], list.Length);
                list.CopyTo(ws.Lists[m], 0);
                ws.ListCount[m] = list.Length;
                for (int i = 0; i < list.Length; i++)
                {
                    ws.ListRaw[m][i] = Scoring.ScoreMath.ToSimilarity(ws.Metric[m], list[i].Distance);
                }
            }

            FuseLists(ws, source, fusion.Combination, k, exact: false, destination);
        }
        finally
        {
            FusionWorkspace.Return(ws);
        }
    }

    /// <summary>Fuses the lists already in the workspace (the fusion step alone; benchmarks call it directly).</summary>
    public static void FuseLists(FusionWorkspace ws, IFusionSource source, ScoreCombination combination, int k, bool exact, FusionResult destination)
    {
        CandidateScoring.FitStats(ws, source, combination.Normalization);
        PrepareGaps(ws, exact);
        CandidateScoring.Run<MergePass>(ws, combination, recomputedIsHit: false);
        RecomputeGaps(ws);
        CandidateScoring.Run<CandidateScoring.ScorePass>(ws, combination, recomputedIsHit: false);
        int count = CandidateScoring.SelectTop(ws, k);
        CandidateScoring.WriteResult(ws, source, combination, count, lazyRanks: false, recomputedIsHit: false, destination);
    }

    private static bool AllExhausted(FusionWorkspace ws, int window)
    {
        for (int m = 0; m < ws.Slots; m++)
        {
            if (ws.Searched[m] && ws.ListCount[m] >= window)
            {
                return false;
            }
        }

        return true;
    }
}
