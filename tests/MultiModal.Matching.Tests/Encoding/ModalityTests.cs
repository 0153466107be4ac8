using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Tests.Encoding;

public sealed class ModalityTests
{
    [Test]
    public void Equality_IgnoresCase()
    {
        Assert.That(new Modality("Text"), Is.EqualTo(Modality.Text));
        Assert.That(new Modality("TEXT").GetHashCode(), Is.EqualTo(Modality.Text.GetHashCode()));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("has space")]
    [TestCase("slash/")]
    public void Constructor_InvalidName_Throws(string name) =>
        Assert.That(() => new Modality(name), Throws.InstanceOf<ArgumentException>());

    [Test]
    public void Default_HasNoName() =>
        Assert.That(() => default(Modality).Name, Throws.InvalidOperationException);
}
