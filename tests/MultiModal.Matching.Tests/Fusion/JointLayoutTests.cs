using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Fusion;

public sealed class JointLayoutTests
{
    [Test]
    public void Constructor_RenormalisesWeightsAndComputesOffsets()
    {
        var layout = new JointLayout([new JointBlock(Modality.Text, 4, 3f), new JointBlock(Modality.Image, 2, 1f)]);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Dimension, Is.EqualTo(6));
            Assert.That(layout.Blocks[0].Weight, Is.EqualTo(0.75f));
            Assert.That(layout.Blocks[1].Weight, Is.EqualTo(0.25f));
            Assert.That(layout.GetOffset(1), Is.EqualTo(4));
            Assert.That(layout.IndexOf(Modality.Image), Is.EqualTo(1));
            Assert.That(layout.IndexOf(Modality.Audio), Is.EqualTo(-1));
        });
    }

    [Test]
    public void WriteItemVector_NormalisesAndScalesBySqrtWeight_ZeroForMissing()
    {
        var layout = new JointLayout([new JointBlock(Modality.Text, 2, 3f), new JointBlock(Modality.Image, 2, 1f)]);
        var joint = layout.CreateItemVector([KeyValuePair.Create(Modality.Text, (ReadOnlyMemory<float>)new float[] { 3, 4 })]);
        float s = MathF.Sqrt(0.75f);
        Assert.That(joint, Is.EqualTo(new[] { 0.6f * s, 0.8f * s, 0f, 0f }).Within(1e-6));
    }

    [Test]
    public void Constructor_And_Write_RejectBadInput()
    {
        var layout = new JointLayout([new JointBlock(Modality.Text, 2, 1f)]);
        Assert.Multiple(() =>
        {
            Assert.That(() => new JointLayout([]), Throws.ArgumentException);
            Assert.That(() => new JointLayout([new JointBlock(Modality.Text, 0, 1f)]), Throws.ArgumentException);
            Assert.That(() => new JointLayout([new JointBlock(Modality.Text, 2, 0f)]), Throws.ArgumentException);
            Assert.That(() => new JointLayout([new JointBlock(Modality.Text, 2, 1f), new JointBlock(Modality.Text, 2, 1f)]), Throws.ArgumentException);
            Assert.That(() => layout.CreateItemVector([KeyValuePair.Create(Modality.Image, (ReadOnlyMemory<float>)new float[2])]), Throws.ArgumentException);
            Assert.That(() => layout.CreateItemVector([KeyValuePair.Create(Modality.Text, (ReadOnlyMemory<float>)new float[3])]), Throws.ArgumentException);
            Assert.That(() => layout.CreateItemVector([KeyValuePair.Create(Modality.Text, (ReadOnlyMemory<float>)new[] { float.NaN, 1f })]), Throws.ArgumentException);
            Assert.That(() => layout.WriteItemVector([], new float[3]), Throws.ArgumentException);
        });
    }

    [Test]
    public void FusionSource_RejectsJointIndexWithWrongMetricOrDimension()
    {
        var layout = new JointLayout([new JointBlock(Modality.Text, 2, 1f)]);
        var text = new FlatIndex(2, DistanceMetric.Cosine);
        KeyValuePair<Modality, IVectorIndex>[] indexes = [KeyValuePair.Create(Modality.Text, (IVectorIndex)text)];
        Assert.Multiple(() =>
        {
            Assert.That(() => new FusionSource(indexes, layout, new FlatIndex(2, DistanceMetric.Cosine)), Throws.ArgumentException);
            Assert.That(() => new FusionSource(indexes, layout, new FlatIndex(3, DistanceMetric.DotProduct)), Throws.ArgumentException);
            Assert.That(() => new FusionSource(indexes, layout, null), Throws.ArgumentException);
            Assert.That(() => new FusionSource([]), Throws.ArgumentException);
            Assert.That(() => new FusionSource([indexes[0], indexes[0]]), Throws.ArgumentException);
            Assert.That(new FusionSource(indexes, layout, new FlatIndex(2, DistanceMetric.DotProduct)).JointLayout, Is.SameAs(layout));
        });
    }
}
