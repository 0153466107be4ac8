using MultiModal.Matching.Encoding;
using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Tests.Fusion;

namespace MultiModal.Matching.Tests.Evaluation;

public sealed class FusionEvaluatorTests
{
    [Test]
    public void Evaluate_AveragesPerQueryMetrics()
    {
        var data = FusionTestData.Create(41, 200, dimensions: [8, 8, 8]);
        var queries = SyntheticRelevance.Queries(data, 15, seed: 2);
        var fusion = Fuse.Late(Combine.Rrf()).WithWindow(20);
        var report = FusionEvaluator.Evaluate(fusion, data.Source, queries, k: 5);
        double ndcg = 0, mrr = 0;
        foreach (var labelled in queries)
        {
            var q = labelled.Query.Clone();
            q.K = 5;
            var ids = fusion.Search(data.Source, q).ToIdArray();
            ndcg += RetrievalMetrics.NdcgAtK(ids, labelled.RelevantIds, 5);
            mrr += RetrievalMetrics.ReciprocalRank(ids, labelled.RelevantIds);
        }

        Assert.Multiple(() =>
        {
            Assert.That(report.QueryCount, Is.EqualTo(15));
            Assert.That(report.Ndcg, Is.EqualTo(ndcg / 15).Within(1e-12));
            Assert.That(report.Mrr, Is.EqualTo(mrr / 15).Within(1e-12));
            Assert.That(report.Latency.Count, Is.EqualTo(15));
            Assert.That(report.Latency.P50, Is.GreaterThan(0));
        });
    }

    [Test]
    public void CompareWithSingleModalities_FindsTheInformativeModalityAndTheGain()
    {
        var data = FusionTestData.Create(42, 200, dimensions: [8, 8, 8]);
        var queries = SyntheticRelevance.Queries(data, 20, seed: 3);
        var fusion = Fuse.Late(Combine.WeightedSum(Normalize.ZScore)).Weighted(text: 1, image: 0.5, audio: 0);
        var report = FusionEvaluator.CompareWithSingleModalities(fusion, data.Source, queries, k: 10);
        Assert.Multiple(() =>
        {
            Assert.That(report.BestSingleModality, Is.EqualTo(Modality.Text));
            Assert.That(report.SingleModality[Modality.Audio].Ndcg, Is.LessThan(report.SingleModality[Modality.Text].Ndcg));
            Assert.That(report.NdcgGain, Is.EqualTo(report.Fused.Ndcg - report.SingleModality[Modality.Text].Ndcg).Within(1e-12));
        });
    }

    [Test]
    public void Evaluate_BadInput_Throws()
    {
        var data = FusionTestData.Create(43, 10);
        Assert.Multiple(() =>
        {
            Assert.That(() => FusionEvaluator.Evaluate(Fuse.Late(), data.Source, [], 5), Throws.ArgumentException);
            Assert.That(() => FusionEvaluator.Evaluate(Fuse.Late(), data.Source, SyntheticRelevance.Queries(data, 2, 1), 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new LabelledQuery(new FusionQuery(), []), Throws.ArgumentException);
        });
    }
}
