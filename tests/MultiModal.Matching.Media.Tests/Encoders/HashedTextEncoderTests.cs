using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Encoders;

namespace MultiModal.Matching.Media.Tests.Encoders;

public sealed class HashedTextEncoderTests
{
    private static float[] Encode(HashedTextEncoder encoder, string text)
    {
        var v = new float[encoder.Dimension];
        encoder.Encode(text, v);
        return v;
    }

    private static double Cos(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);

    [Test]
    public void Encode_IsDeterministic_UnitLength_ConfiguredDimension()
    {
        using var encoder = new HashedTextEncoder(new HashedTextEncoderOptions { Dimension = 512 });
        float[] a = Encode(encoder, "The quick brown fox jumps over the lazy dog.");
        using var other = new HashedTextEncoder(new HashedTextEncoderOptions { Dimension = 512 });
        float[] b = Encode(other, "The quick brown fox jumps over the lazy dog.");
        Assert.That(a, Has.Length.EqualTo(512));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(Math.Sqrt(Cos(a, a)), Is.EqualTo(1).Within(1e-5));
        Assert.That(encoder.Identity, Is.EqualTo(other.Identity));
    }

    [Test]
    public void Encode_CaseAndPunctuation_DoNotMatter()
    {
        using var encoder = new HashedTextEncoder();
        Assert.That(Encode(encoder, "Hello, WORLD!"), Is.EqualTo(Encode(encoder, "hello world")));
    }

    [Test]
    public void Encode_RelatedTextsScoreHigherThanUnrelated()
    {
        using var encoder = new HashedTextEncoder();
        float[] query = Encode(encoder, "a photo of a cat sleeping on the sofa");
        double related = Cos(query, Encode(encoder, "the cats were sleeping on a sofa"));
        double typo = Cos(query, Encode(encoder, "a foto of a catt sleping on the sofa"));
        double unrelated = Cos(query, Encode(encoder, "quarterly revenue grew by twelve percent"));
        Assert.That(related, Is.GreaterThan(0.3));
        Assert.That(typo, Is.GreaterThan(0.3));
        Assert.That(unrelated, Is.LessThan(0.15));
        Assert.That(related, Is.GreaterThan(unrelated + 0.2));
    }

    [Test]
    public void Encode_WordOrder_MattersThroughBigramsOnly()
    {
        using var encoder = new HashedTextEncoder();
        double swapped = Cos(Encode(encoder, "dog bites man"), Encode(encoder, "man bites dog"));
        Assert.That(swapped, Is.LessThan(0.999));
        Assert.That(swapped, Is.GreaterThan(0.6));
    }

    [Test]
    public void Encode_EmptyOrSymbolsOnly_GivesZeroVector()
    {
        using var encoder = new HashedTextEncoder();
        Assert.That(Encode(encoder, "").All(v => v == 0), Is.True);
        Assert.That(Encode(encoder, "?!… --").All(v => v == 0), Is.True);
    }

    [Test]
    public void Encode_StableAcrossProcesses_GoldenBuckets()
    {
        // A regression golden: stored collections depend on these buckets never changing for version "1".
        using var encoder = new HashedTextEncoder(new HashedTextEncoderOptions { Dimension = 64, MinCharNGram = 0 });
        float[] v = Encode(encoder, "hello world");
        int[] nonZero = Enumerable.Range(0, 64).Where(i => v[i] != 0).ToArray();
        Assert.That(nonZero, Has.Length.InRange(1, 3));
        Assert.That(string.Join(",", nonZero.Select(i => $"{i}:{Math.Sign(v[i])}")), Is.EqualTo(GoldenHelloWorld));
    }

    private const string GoldenHelloWorld = "21:-1,25:1,33:1";

    [Test]
    public void Fit_Idf_DownWeightsCommonWords_AndRoundTrips()
    {
        string[] corpus = ["the cat sat", "the dog ran", "the bird flew", "the fish swam", "a cat and a dog"];
        var options = new HashedTextEncoderOptions { MinCharNGram = 0, MaxWordNGram = 1, Dimension = 4096 };
        HashedTextEncoder fitted = HashedTextEncoder.Fit(corpus, options);
        using var plain = new HashedTextEncoder(options);

        // With IDF, "the cat" leans towards "cat" (rare) rather than "the" (everywhere).
        double catPlain = Cos(Encode(plain, "the cat"), Encode(plain, "cat"));
        double catFitted = Cos(Encode(fitted, "the cat"), Encode(fitted, "cat"));
        Assert.That(catFitted, Is.GreaterThan(catPlain));

        HashedTextEncoder rebuilt = HashedTextEncoder.FromIdf(options, fitted.Idf.Span);
        Assert.That(rebuilt.Identity, Is.EqualTo(fitted.Identity));
        Assert.That(fitted.Identity, Is.Not.EqualTo(plain.Identity));
        Assert.That(Encode(rebuilt, "a bird and a fish"), Is.EqualTo(Encode(fitted, "a bird and a fish")));
    }

    [Test]
    public void Options_Invalid_Throw()
    {
        Assert.That(() => new HashedTextEncoder(new HashedTextEncoderOptions { Dimension = 8 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new HashedTextEncoder(new HashedTextEncoderOptions { MinWordNGram = 3, MaxWordNGram = 2 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new HashedTextEncoder(new HashedTextEncoderOptions { MinWordNGram = 0, MinCharNGram = 0 }), Throws.ArgumentException);
        Assert.That(() => new HashedTextEncoder(new HashedTextEncoderOptions { WordWeight = 1.5f }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => HashedTextEncoder.Fit([]), Throws.ArgumentException);
    }

    [Test]
    public async Task GenerateAsync_ThroughEmbeddingGeneratorSurface_MatchesEncode()
    {
        using var encoder = new HashedTextEncoder();
        IEncoder<string> asInterface = encoder;
        var embeddings = await asInterface.GenerateAsync(["one text", "another text"]);
        Assert.That(embeddings[1].Vector.ToArray(), Is.EqualTo(Encode(encoder, "another text")));
    }
}
