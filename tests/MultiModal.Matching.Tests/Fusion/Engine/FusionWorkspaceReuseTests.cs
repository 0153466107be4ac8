using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion.Engine;

/// <summary>
/// A pooled workspace keeps its arrays between searches (the cells are laid out slot by slot with a stride that only
/// grows), so a search after a larger one, or after one over more or fewer modalities, must still read only what it wrote.
/// </summary>
public sealed class FusionWorkspaceReuseTests
{
    private static readonly ScoreCombination[] Combinations =
        [Combine.WeightedSum(Normalize.ZScore), Combine.CombMnz(Normalize.MinMax), Combine.Max(Normalize.Dbsf), Combine.Rrf(60), Combine.Borda()];

    private static readonly MissingModalityPolicy[] ItemPolicies =
        [MissingModalityPolicy.Skip, MissingModalityPolicy.Fill(0.25f), MissingModalityPolicy.Recompute()];

    [Test]
    public void FuseLists_OnAReusedWorkspace_EqualsAFreshWorkspace()
    {
        var random = new Random(11);
        var three = FusionTestData.Create(5, 400, missingRate: 0.3);
        var two = FusionTestData.Create(6, 300, dimensions: [5, 7], missingRate: 0.3);
        var reused = new FusionWorkspace();
        for (int round = 0; round < 60; round++)
        {
            var data = round % 3 == 2 ? two : three;
            var fusion = Fuse.Late(Combinations[random.Next(Combinations.Length)])
                .WithWindow(random.Next(2) == 0 ? 5 : 120)
                .OnMissingInItem(ItemPolicies[random.Next(ItemPolicies.Length)]);
            bool[] present = [.. data.Modalities.Select(_ => random.NextDouble() < 0.8)];
            present[random.Next(present.Length)] = true;
            var query = data.RandomQuery(random, 10, present);
            var expected = FuseLists(new FusionWorkspace(), data, fusion, query);
            var actual = FuseLists(reused, data, fusion, query);
            Assert.That(actual, Is.EqualTo(expected), $"round {round}");
        }
    }

    [Test]
    public void Rescore_OnAReusedWorkspace_EqualsAFreshWorkspace()
    {
        var random = new Random(12);
        var data = FusionTestData.Create(7, 500, missingRate: 0.25);
        var reused = new FusionWorkspace();
        foreach (int candidates in new[] { 300, 20, 450, 9, 120 })
        {
            var ids = Enumerable.Range(0, data.Count).OrderBy(_ => random.Next()).Take(candidates)
                .Select(id => new FusedMatch(id, 0f, ReadOnlyMemory<ModalityContribution>.Empty)).ToArray();
            var query = data.RandomQuery(random, 10, [true, random.Next(2) == 0, true]);
            var combination = Combinations[random.Next(Combinations.Length)];
            var expected = Rescore(new FusionWorkspace(), data, combination, query, ids);
            var actual = Rescore(reused, data, combination, query, ids);
            Assert.That(actual, Is.EqualTo(expected), $"{candidates} candidates");
        }
    }

    private static string[] FuseLists(FusionWorkspace ws, FusionTestData data, LateFusion fusion, FusionQuery query)
    {
        var result = new FusionResult();
        ws.Resolve(data.Source, query, fusion.Settings);
        ws.Retrieve(query, fusion.Window);
        LateFusionEngine.FuseLists(ws, data.Source, fusion.Combination, query.K, exact: false, result);
        return Describe(result);
    }

    private static string[] Rescore(FusionWorkspace ws, FusionTestData data, ScoreCombination combination, FusionQuery query, FusedMatch[] candidates)
    {
        var result = new FusionResult();
        ws.Resolve(data.Source, query, Fuse.Late().Settings);
        HybridFusionEngine.Rescore(ws, data.Source, combination, candidates, query.K, result);
        return Describe(result);
    }

    private static string[] Describe(FusionResult result) =>
        [.. result.Matches.ToArray().Select(m => $"{m.Id}:{m.Score:R}:" + string.Join(",", m.Explanation.ToArray().Select(e => $"{e.Source}/{e.RawScore:R}/{e.Rank}/{e.NormalizedScore:R}/{e.Contribution:R}")))];
}
