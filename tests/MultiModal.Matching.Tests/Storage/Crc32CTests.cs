using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Tests.Storage;

public sealed class Crc32CTests
{
    [TestCase("123456789", 0xE3069283u)]
    [TestCase("", 0x00000000u)]
    [TestCase("a", 0xC1D04330u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Compute_KnownVectors_MatchReference(string text, uint expected)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.That(Crc32C.Compute(bytes), Is.EqualTo(expected));
        Assert.That(Crc32C.ComputeTable(bytes), Is.EqualTo(expected));
    }

    [Test]
    public void Compute_ThirtyTwoZeroBytes_MatchesRfc3720()
    {
        // RFC 3720 (iSCSI) appendix B.4 test patterns.
        Assert.That(Crc32C.Compute(new byte[32]), Is.EqualTo(0x8A9136AAu));
        byte[] ones = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.That(Crc32C.Compute(ones), Is.EqualTo(0x62A8AB43u));
        byte[] ascending = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.That(Crc32C.Compute(ascending), Is.EqualTo(0x46DD794Eu));
    }

    [Test]
    public void Compute_EveryLengthUpTo300_HardwareEqualsTable()
    {
        var random = new Random(42);
        byte[] data = new byte[300];
        random.NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            Assert.That(Crc32C.Compute(data.AsSpan(0, length)), Is.EqualTo(Crc32C.ComputeTable(data.AsSpan(0, length))), $"length {length}");
        }
    }

    [Test]
    public void Append_SplitAnywhere_EqualsWhole()
    {
        var random = new Random(7);
        byte[] data = new byte[1000];
        random.NextBytes(data);
        uint whole = Crc32C.Compute(data);
        for (int split = 0; split <= data.Length; split += 37)
        {
            Assert.That(Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)), Is.EqualTo(whole));
        }
    }

    [Test]
    public unsafe void Compute_Pointer_EqualsSpan()
    {
        byte[] data = new byte[4099];
        new Random(3).NextBytes(data);
        fixed (byte* p = data)
        {
            Assert.That(Crc32C.Compute(p, data.Length), Is.EqualTo(Crc32C.Compute(data)));
        }
    }
}
