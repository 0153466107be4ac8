using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed unsafe class HnswGraphValidatorTests
{
    private static HnswIndex Graph() => Build(Clustered(300, 8, 3, seed: 31), 8, DistanceMetric.L2, m: 4, efConstruction: 32);

    private static int* Level0Links(HnswIndex index, int slot, out ushort* count)
    {
        byte* record = index.Record(slot);
        count = (ushort*)(record + HnswGraphLayout.LinkCountOffset);
        return (int*)(record + HnswGraphLayout.LinksOffset);
    }

    [Test]
    public void Validate_FreshGraph_HasNoProblems()
    {
        using HnswIndex index = Graph();
        Assert.That(HnswGraphValidator.Validate(index), Is.Empty);
    }

    [Test]
    public void Validate_SelfLink_IsReported()
    {
        using HnswIndex index = Graph();
        int* links = Level0Links(index, 10, out _);
        links[0] = 10;
        Assert.That(HnswGraphValidator.Validate(index), Has.Some.Contains("self-link"));
    }

    [Test]
    public void Validate_DegreeAboveMmax_IsReported()
    {
        using HnswIndex index = Graph();
        Level0Links(index, 11, out ushort* count);
        *count = (ushort)(index.Layout.MaxLinks0 + 1);
        Assert.That(HnswGraphValidator.Validate(index), Has.Some.Contains("degree"));
    }

    [Test]
    public void Validate_LinkToFreedSlot_IsReported()
    {
        using HnswIndex index = Graph();
        byte* victim = index.Record(20);
        victim[HnswGraphLayout.FlagsOffset] = HnswGraphLayout.FlagFreed;
        Assert.That(HnswGraphValidator.Validate(index), Has.Some.Contains("freed slot 20"));
    }

    [Test]
    public void Validate_UnreachableNode_IsReported()
    {
        using HnswIndex index = Graph();
        int target = index.EntryPoint.Slot == 42 ? 43 : 42;
        for (int slot = 0; slot < index.SlotCount; slot++)
        {
            for (int level = 0; level <= HnswIndex.LevelOf(index.Record(slot)); level++)
            {
                int* links = index.LinksOf(index.Record(slot), level, out int count);
                int kept = 0;
                for (int i = 0; i < count; i++)
                {
                    if (links[i] != target)
                    {
                        links[kept++] = links[i];
                    }
                }

                index.SetLinkCount(index.Record(slot), level, kept);
            }
        }

        Assert.That(HnswGraphValidator.Validate(index), Has.Some.Contains($"slot {target} (id {target}) unreachable"));
    }
}
