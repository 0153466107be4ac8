using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Tests.Encoding;

public sealed class EncoderIdentityTests
{
    [Test]
    public void ToString_Parse_RoundTrips()
    {
        var id = new EncoderIdentity("mmm.text.hashed-ngrams", "1.2", 0x00c3a0f1d2e4b5a6UL);
        string text = id.ToString();
        Assert.That(text, Is.EqualTo("mmm.text.hashed-ngrams@1.2#00c3a0f1d2e4b5a6"));
        Assert.That(EncoderIdentity.Parse(text), Is.EqualTo(id));
    }

    [Test]
    public void Create_SameConfiguration_SameHash_DifferentConfiguration_DifferentHash()
    {
        var a = EncoderIdentity.Create("enc", "1", "dim=1024;word=1-2");
        var b = EncoderIdentity.Create("enc", "1", "dim=1024;word=1-2");
        var c = EncoderIdentity.Create("enc", "1", "dim=2048;word=1-2");
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a != c, Is.True);
    }

    [Test]
    public void Equals_DifferentNameOrVersion_NotEqual()
    {
        var a = new EncoderIdentity("enc", "1", 7);
        Assert.That(a, Is.Not.EqualTo(new EncoderIdentity("Enc", "1", 7)));
        Assert.That(a, Is.Not.EqualTo(new EncoderIdentity("enc", "2", 7)));
        Assert.That(a, Is.Not.EqualTo(new EncoderIdentity("enc", "1", 8)));
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("a@b")]
    [TestCase("a#b")]
    [TestCase("caf\u00e9")]
    public void Constructor_InvalidName_Throws(string name) =>
        Assert.That(() => new EncoderIdentity(name, "1", 0), Throws.ArgumentException);

    [Test]
    public void Constructor_NameTooLong_Throws() =>
        Assert.That(() => new EncoderIdentity(new string('a', 129), "1", 0), Throws.ArgumentException);

    [TestCase("")]
    [TestCase("enc")]
    [TestCase("enc@1")]
    [TestCase("@1#0000000000000000")]
    [TestCase("enc@#0000000000000000")]
    [TestCase("enc@1#000000000000000")]
    [TestCase("enc@1#00000000000000000")]
    [TestCase("enc@1#00000000000000zz")]
    [TestCase("enc@1#00000000000000AA")]
    [TestCase("e nc@1#0000000000000000")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.That(EncoderIdentity.TryParse(text, out EncoderIdentity id), Is.False);
        Assert.That(id.IsDefault, Is.True);
        Assert.That(() => EncoderIdentity.Parse(text), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void TryParse_Null_ReturnsFalse() => Assert.That(EncoderIdentity.TryParse(null, out _), Is.False);

    [Test]
    public void Default_HasNoName()
    {
        Assert.That(default(EncoderIdentity).IsDefault, Is.True);
        Assert.That(() => default(EncoderIdentity).Name, Throws.InvalidOperationException);
        Assert.That(default(EncoderIdentity).ToString(), Is.EqualTo("(none)"));
    }

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public bool Parse_OfToString_IsIdentity(ulong hash, byte nameLength)
    {
        string name = new('n', 1 + (nameLength % 100));
        var id = new EncoderIdentity(name, "v1", hash);
        return EncoderIdentity.Parse(id.ToString()) == id;
    }
}
