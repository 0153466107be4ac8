using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

/// <summary>Once a thread is warm, a search into a reused result allocates nothing (counted, not timed).</summary>
public sealed class FusionAllocationTests
{
    private static IEnumerable<TestCaseData> Strategies()
    {
        yield return new TestCaseData(Fuse.Late(Combine.Rrf()).WithWindow(30)).SetName("Search_LateRrf_AllocatesNothingWhenWarm");
        yield return new TestCaseData(Fuse.Late(Combine.WeightedSum(Normalize.ZScore)).WithWindow(30).OnMissingInItem(MissingModalityPolicy.Recompute())).SetName("Search_LateRecompute_AllocatesNothingWhenWarm");
        yield return new TestCaseData(Fuse.Late(Combine.Borda()).WithWindow(30)).SetName("Search_LateBorda_AllocatesNothingWhenWarm");
        yield return new TestCaseData(Fuse.Late(Combine.WeightedSum(Normalize.MetricMap)).WithWindow(5).Exact()).SetName("Search_LateExact_AllocatesNothingWhenWarm");
        yield return new TestCaseData(Fuse.Early()).SetName("Search_Early_AllocatesNothingWhenWarm");
        yield return new TestCaseData(Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.Rrf()), 60)).SetName("Search_HybridRrf_AllocatesNothingWhenWarm");
        yield return new TestCaseData(Fuse.Hybrid(Fuse.Late(Combine.Rrf()).WithWindow(40), Fuse.Late(Combine.WeightedSum(Normalize.Dbsf)), 60)).SetName("Search_HybridOverLate_AllocatesNothingWhenWarm");
    }

    [TestCaseSource(nameof(Strategies))]
    public void Search_Warm_AllocatesNothing(IFusion fusion)
    {
        var data = FusionTestData.Create(51, 300, missingRate: 0.2);
        var query = data.RandomQuery(new Random(1), 10, [true, true, true]);
        var result = new FusionResult();
        for (int i = 0; i < 5; i++)
        {
            fusion.Search(data.Source, query, result);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            fusion.Search(data.Source, query, result);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(result.Count, Is.EqualTo(10));
    }
}
