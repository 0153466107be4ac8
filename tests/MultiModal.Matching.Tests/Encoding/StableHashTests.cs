using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Tests.Encoding;

public sealed class StableHashTests
{
    [Test]
    public void Mix_IsMurmurFinaliser_MatchesReferenceSteps()
    {
        // fmix64 written out from its definition, as an independent reference.
        ulong k = 0xaf63dc4c8601ec8cUL;
        k ^= k >> 33; k *= 0xff51afd7ed558ccdUL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53UL; k ^= k >> 33;
        Assert.That(StableHash.Mix(0xaf63dc4c8601ec8cUL), Is.EqualTo(k));
    }

    [Test]
    public void Hash64_Bytes_IsFnv1aOfTheBytesThenMixed()
    {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector).
        Assert.That(StableHash.Hash64("a"u8), Is.EqualTo(StableHash.Mix(0xaf63dc4c8601ec8cUL)));
    }

    [Test]
    public void Hash64_Chars_DiffersBySeedAndInput()
    {
        string abc = new(['a', 'b', 'c']);
        Assert.That(StableHash.Hash64(abc.AsSpan()), Is.EqualTo(StableHash.Hash64("abc".AsSpan())));
        Assert.That(StableHash.Hash64("abc".AsSpan()), Is.Not.EqualTo(StableHash.Hash64("abd".AsSpan())));
        Assert.That(StableHash.Hash64("abc".AsSpan(), 1), Is.Not.EqualTo(StableHash.Hash64("abc".AsSpan(), 2)));
    }
}
