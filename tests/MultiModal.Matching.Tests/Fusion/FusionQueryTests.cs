using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

public sealed class FusionQueryTests
{
    [Test]
    public void With_AddsReplacesAndRemoves()
    {
        var query = new FusionQuery(5).With(Modality.Text, new float[] { 1 }).With(Modality.Image, new float[] { 2 }, weight: 0.5f);
        query.With(Modality.Text, new float[] { 3 }, weight: 2);
        Assert.Multiple(() =>
        {
            Assert.That(query.Count, Is.EqualTo(2));
            Assert.That(query.TryGetEmbedding(Modality.Text, out var t) ? t.Span[0] : 0, Is.EqualTo(3f));
            Assert.That(query.GetWeight(Modality.Text), Is.EqualTo(2f));
            Assert.That(query.GetWeight(Modality.Audio), Is.Null);
            Assert.That(query.Remove(Modality.Text), Is.True);
            Assert.That(query.GetModality(0), Is.EqualTo(Modality.Image));
            Assert.That(query.Contains(Modality.Text), Is.False);
        });
        query.Clear();
        Assert.That(query.Count, Is.Zero);
    }

    [Test]
    public void With_BadInput_Throws()
    {
        var query = new FusionQuery();
        Assert.Multiple(() =>
        {
            Assert.That(() => new FusionQuery(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => query.K = -1, Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => query.With(default, new float[] { 1 }), Throws.ArgumentException);
            Assert.That(() => query.With(Modality.Text, ReadOnlyMemory<float>.Empty), Throws.ArgumentException);
            Assert.That(() => query.With(Modality.Text, new[] { float.PositiveInfinity }), Throws.ArgumentException);
            Assert.That(() => query.With(Modality.Text, new float[] { 1 }, weight: -0.5f), Throws.ArgumentException);
            Assert.That(query.Count, Is.Zero, "failed calls change nothing");
        });
    }

    [Test]
    public void Clone_IsIndependent()
    {
        var query = new FusionQuery(4).With(Modality.Text, new float[] { 1 });
        var copy = query.Clone();
        copy.With(Modality.Audio, new float[] { 1 });
        copy.K = 9;
        Assert.That(query.Count, Is.EqualTo(1));
        Assert.That(query.K, Is.EqualTo(4));
    }
}
