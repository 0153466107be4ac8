using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace MultiModal.Matching.Tests.Fusion;

public sealed class EarlyFusionTests
{
    private const string Replay = "20261122,11";

    [Property(MaxTest = 30, Replay = Replay, QuietOnSuccess = true)]
    public bool Search_JointDot_EqualsWeightedSumOfCosines(int seed)
    {
        var random = new Random(seed);
        var data = FusionTestData.Create(seed, 60, missingRate: 0.3, layoutWeights: [(float)random.NextDouble() + 0.1f, (float)random.NextDouble() + 0.1f, (float)random.NextDouble() + 0.1f]);
        bool[] present = [true, random.Next(2) == 0, random.Next(2) == 0];
        var query = data.RandomQuery(random, data.Count, present);
        float[] weights = new float[3];
        double total = 0;
        for (int m = 0; m < 3; m++)
        {
            if (present[m])
            {
                weights[m] = (float)random.NextDouble() + 0.05f;
                query.With(data.Modalities[m], query.TryGetEmbedding(data.Modalities[m], out var e) ? e : default, weights[m]);
                total += weights[m];
            }
        }

        var result = Fuse.Early().Search(data.Source, query);
        if (result.Count != data.Count)
        {
            return false;
        }

        foreach (var match in result.Matches)
        {
            double expected = 0;
            for (int m = 0; m < 3; m++)
            {
                if (present[m] && query.TryGetEmbedding(data.Modalities[m], out var e))
                {
                    float cos = data.Similarity(m, e.Span, match.Id);
                    expected += float.IsNaN(cos) ? 0 : weights[m] / total * cos;
                }
            }

            if (Math.Abs(match.Score - expected) > 1e-4)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 50, Replay = Replay, QuietOnSuccess = true)]
    public bool JointLayout_ItemVectors_DotIsWeightedSumOfCosines(int seed)
    {
        var random = new Random(seed);
        float[] w = [(float)random.NextDouble() + 0.1f, (float)random.NextDouble() + 0.1f];
        var layout = new JointLayout([new JointBlock(Modality.Text, 5, w[0]), new JointBlock(Modality.Image, 3, w[1])]);
        float[] a0 = FusionTestData.RandomVector(random, 5), a1 = FusionTestData.RandomVector(random, 3);
        float[] b0 = FusionTestData.RandomVector(random, 5), b1 = FusionTestData.RandomVector(random, 3);
        var a = layout.CreateItemVector([KeyValuePair.Create(Modality.Text, (ReadOnlyMemory<float>)a0), KeyValuePair.Create(Modality.Image, (ReadOnlyMemory<float>)a1)]);
        var b = layout.CreateItemVector([KeyValuePair.Create(Modality.Text, (ReadOnlyMemory<float>)b0), KeyValuePair.Create(Modality.Image, (ReadOnlyMemory<float>)b1)]);
        double expected = (w[0] / (w[0] + w[1]) * VectorKernels.Cosine(a0, b0)) + (w[1] / (w[0] + w[1]) * VectorKernels.Cosine(a1, b1));
        return Math.Abs(VectorKernels.Dot(a, b) - expected) < 1e-5;
    }

    [Test]
    public void Search_QueryMissingModality_RenormalisesRemainingWeights()
    {
        var data = FusionTestData.Create(3, 40, layoutWeights: [2f, 1f, 1f]);
        var random = new Random(1);
        var query = data.RandomQuery(random, 5, [true, true, false]);
        var result = Fuse.Early().Search(data.Source, query);
        // Layout weights 0.5/0.25/0.25 → over text and image: 2/3 and 1/3.
        var top = result[0];
        query.TryGetEmbedding(Modality.Text, out var t);
        query.TryGetEmbedding(Modality.Image, out var i);
        float expected = (2f / 3 * data.Similarity(0, t.Span, top.Id)) + (1f / 3 * data.Similarity(1, i.Span, top.Id));
        var audio = top.Explanation.Span[2];
        Assert.Multiple(() =>
        {
            Assert.That(top.Score, Is.EqualTo(expected).Within(1e-5));
            Assert.That(top.Explanation.Span[0].Weight, Is.EqualTo(2f / 3).Within(1e-6));
            Assert.That(top.Explanation.Span[0].RawScore, Is.EqualTo(data.Similarity(0, t.Span, top.Id)).Within(1e-5));
            Assert.That(top.Explanation.Span[0].Contribution + top.Explanation.Span[1].Contribution, Is.EqualTo(top.Score).Within(1e-5));
            Assert.That(audio.Source, Is.EqualTo(ContributionSource.Skipped));
            Assert.That(audio.QueryHasModality, Is.False);
        });
    }

    [Test]
    public void Search_ItemMissingModality_IsExplainedAsZeroFilled()
    {
        var data = FusionTestData.Create(5, 50, missingRate: 0.5);
        var query = data.RandomQuery(new Random(2), 50, [true, true, true]);
        var result = Fuse.Early().Search(data.Source, query);
        var withGap = result.Matches.ToArray().First(m => data.Vectors[1][m.Id] is null);
        var image = withGap.Explanation.Span[1];
        Assert.Multiple(() =>
        {
            Assert.That(image.Source, Is.EqualTo(ContributionSource.Filled));
            Assert.That(image.Contribution, Is.Zero);
            Assert.That(image.NormalizedScore, Is.Zero);
        });
    }

    [Test]
    public void Search_FusionWeights_OverrideLayoutWeights()
    {
        var data = FusionTestData.Create(9, 30);
        var query = data.RandomQuery(new Random(4), 30, [true, true, true]);
        var onlyText = Fuse.Early().Weighted(text: 1, image: 0, audio: 0).Search(data.Source, query).ToIdArray();
        query.TryGetEmbedding(Modality.Text, out var t);
        var direct = new Neighbor[30];
        data.Indexes[0].Search(t.Span, 30, direct);
        Assert.That(onlyText.Take(10), Is.EqualTo(direct.Take(10).Select(d => d.Id)));
    }

    [Test]
    public void Search_WithoutJointIndex_Throws()
    {
        var data = FusionTestData.Create(1, 10);
        var plain = new FusionSource(data.Modalities.Zip(data.Indexes, (m, i) => KeyValuePair.Create(m, (IVectorIndex)i)));
        var query = data.RandomQuery(new Random(1), 3, [true, false, false]);
        Assert.That(() => Fuse.Early().Search(plain, query), Throws.InvalidOperationException);
    }

    [Test]
    public void Search_ModalityOutsideJointSpace_Throws()
    {
        var data = FusionTestData.Create(1, 10);
        var query = new FusionQuery(3).With(Modality.Tabular, new float[] { 1, 2 });
        Assert.That(() => Fuse.Early().Search(data.Source, query), Throws.ArgumentException);
    }

    [Test]
    public void Search_Filter_IsPassedToTheJointIndex()
    {
        var data = FusionTestData.Create(2, 40);
        var query = data.RandomQuery(new Random(6), 10, [true, true, true]);
        query.Filter = new EvenIds();
        var ids = Fuse.Early().Search(data.Source, query).ToIdArray();
        Assert.That(ids, Has.Length.EqualTo(10).And.All.Matches<int>(id => id % 2 == 0));
    }

    private sealed class EvenIds : IIdFilter
    {
        public int EstimatedMatchCount => -1;

        public bool Matches(int id) => id % 2 == 0;
    }
}
